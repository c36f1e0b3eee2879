package migrate

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestList(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0002_b.sql":   {Data: []byte("B")},
		"m/0010_c.sql":   {Data: []byte("C")},
		"m/0001_a.sql":   {Data: []byte("A")},
		"m/README.md":    {Data: []byte("ignored")},
		"other/0003.sql": {Data: []byte("elsewhere")},
	}
	ms, err := List(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Name+"="+m.SQL)
	}
	if want := "0001_a.sql=A 0002_b.sql=B 0010_c.sql=C"; strings.Join(got, " ") != want {
		t.Errorf("List = %v, want %s", got, want)
	}
}

func TestListRejects(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"no version":        {"m/init.sql": {}},
		"zero version":      {"m/0000_init.sql": {}},
		"duplicate version": {"m/0001_a.sql": {}, "m/1_b.sql": {}},
	} {
		if _, err := List(fsys, "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
