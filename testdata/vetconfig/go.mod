module example.com/vetconfig

go 1.22
