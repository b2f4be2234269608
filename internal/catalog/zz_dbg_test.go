package catalog

import ("fmt"; "testing")

func TestZZDbg(t *testing.T) {
	c := load()
	fmt.Println(c.vocab["utilisateur"], c.maxWord)
	fmt.Println(c.words("un utilisateur lambda"))
}
