package sqlfacts

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// walk calls visit for every function call in the protobuf tree under m.
func walk(m protoreflect.Message, visit func(*pg.FuncCall)) {
	if f, ok := m.Interface().(*pg.FuncCall); ok {
		visit(f)
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Kind() == protoreflect.MessageKind:
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walk(l.Get(i).Message(), visit)
			}
		case fd.IsMap():
		case fd.Kind() == protoreflect.MessageKind:
			walk(v.Message(), visit)
		}
		return true
	})
}
