package accounts

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

func fieldOf(err error) string {
	if ae, ok := apperr.As(err); ok {
		return ae.Field
	}
	return ""
}

func TestNewUserCheck(t *testing.T) {
	ok := NewUser{Username: " zhang.san ", DisplayName: " 张三 ", Unit: "县经信局", Roles: []string{Admin, Viewer, Admin}, Password: "long-enough-pw"}
	n, err := ok.Check()
	if err != nil || n.Username != "zhang.san" || n.DisplayName != "张三" || !slices.Equal(n.Roles, []string{Viewer, Admin}) {
		t.Fatalf("%+v %v", n, err)
	}
	for _, c := range []struct {
		change func(*NewUser)
		field  string
	}{
		{func(n *NewUser) { n.Username = "" }, "username"},
		{func(n *NewUser) { n.Username = "Zhang" }, "username"},
		{func(n *NewUser) { n.Username = "张三" }, "username"},
		{func(n *NewUser) { n.Username = strings.Repeat("a", 33) }, "username"},
		{func(n *NewUser) { n.DisplayName = " " }, "display_name"},
		{func(n *NewUser) { n.DisplayName = strings.Repeat("张", 65) }, "display_name"},
		{func(n *NewUser) { n.Unit = "县\n经信局" }, "unit"},
		{func(n *NewUser) { n.Roles = nil }, "roles"},
		{func(n *NewUser) { n.Roles = []string{"root"} }, "roles"},
		{func(n *NewUser) { n.Password = "short" }, "password"},
		{func(n *NewUser) { n.Password = strings.Repeat("x", 129) }, "password"},
		{func(n *NewUser) { n.Username, n.Password = "long.enough", "long.enough" }, "password"},
	} {
		n := ok
		c.change(&n)
		if _, err := n.Check(); apperr.CodeOf(err) != apperr.Invalid || fieldOf(err) != c.field {
			t.Errorf("%+v: %v (want invalid %s)", n, err, c.field)
		}
	}
}

func TestChangeCheck(t *testing.T) {
	if _, err := (Change{}).Check("a1"); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("empty change: %v", err)
	}
	roles := []string{Planner, Viewer}
	c, err := Change{Roles: &roles}.Check("a1")
	if err != nil || !slices.Equal(*c.Roles, []string{Viewer, Planner}) {
		t.Errorf("%v %v", c.Roles, err)
	}
	pw := "a1"
	if _, err := (Change{Password: &pw}).Check("a1"); fieldOf(err) != "password" {
		t.Errorf("short reset: %v", err)
	}
}

func TestHasherVerifies(t *testing.T) {
	h := NewHasher(1)
	ctx := context.Background()
	hash, err := h.Hash(ctx, "correct horse battery")
	if err != nil || !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("%q %v", hash, err)
	}
	if ok, err := h.Verify(ctx, "correct horse battery", hash); !ok || err != nil {
		t.Errorf("right password: %v %v", ok, err)
	}
	if ok, _ := h.Verify(ctx, "correct horse batterY", hash); ok {
		t.Error("wrong password verified")
	}
	if ok, _ := h.Verify(ctx, "anything", ""); ok {
		t.Error("no user verified")
	}
	// A full hasher waits, and gives up with the request.
	h.slots <- struct{}{}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := h.Hash(cctx, "x"); apperr.CodeOf(err) != apperr.Unavailable {
		t.Errorf("busy hasher, cancelled: %v", err)
	}
}
