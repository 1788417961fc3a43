module example.com/go-postgres

go 1.22
