package web

import (
	"strings"

	"github.com/pingyang/parkmap/accounts"
)

// addAccountPaths documents logging in, one's own account, user administration and the audit log
// (issue 9).
func addAccountPaths(paths, schemas obj) {
	schemas["user"] = objectSchema([]string{"username", "display_name", "roles"}, obj{
		"username": str(), "display_name": str(), "unit": str(),
		"roles":    arrayOf(obj{"type": "string", "enum": accounts.Roles}),
		"disabled": obj{"type": "boolean"}, "created_at": str(), "last_login_at": nullable("string"),
	})
	schemas["me"] = objectSchema([]string{"authenticated", "require_login", "login_available"}, obj{
		"authenticated": obj{"type": "boolean"}, "require_login": obj{"type": "boolean"},
		"login_available": withDescription(obj{"type": "boolean"}, "false when the server runs without a write database"),
		"user":            ref("schemas", "user"),
		"can":             withDescription(arrayOf(str()), "the permissions the user holds (the route table's names)"),
	})
	schemas["auditEntry"] = objectSchema(nil, obj{
		"id": obj{"type": "integer"}, "at": str(), "actor": str(), "actor_roles": arrayOf(str()),
		"request_id": str(), "client_addr": str(), "action": str(), "table": str(), "key": str(),
		"before": obj{"type": "object", "nullable": true}, "after": obj{"type": "object", "nullable": true},
	})
	body := func(props obj, required ...string) obj {
		return obj{"required": true, "content": obj{mediaJSON: obj{"schema": objectSchema(required, props)}}}
	}
	withBody := func(op, b obj) obj { op["requestBody"] = b; return op }
	// status moves an operation's success answer from 200 to code (201 Created, 204 No Content).
	status := func(op obj, code string) obj {
		resp := op["responses"].(obj)
		resp[code] = resp["200"]
		delete(resp, "200")
		return op
	}
	noContent := obj{"description": "Done"}
	meOK := jsonResponse("Who is logged in", ref("schemas", "me"), mediaJSON)

	paths["/api/me"] = obj{"get": operation("get_me", "Accounts", "Who is logged in, and what they may do", "", nil, meOK)}
	login := withBody(operation("login", "Accounts", "Log in",
		"Sets the session cookie (HttpOnly, SameSite=Lax) with a new token. An unknown name, a wrong password and a disabled account get the same 401; repeated failures a 429 with Retry-After.",
		nil, meOK), body(obj{"username": str(), "password": str()}, "username", "password"))
	paths["/api/session"] = obj{"post": login,
		"delete": status(operation("logout", "Accounts", "Log out", "", nil, noContent), "204")}
	paths["/api/me/password"] = obj{"put": withBody(status(operation("change_password", "Accounts", "Change one's own password",
		"Ends the account's other sessions; this one stays.", nil, noContent), "204"),
		body(obj{"current_password": str(), "new_password": str()}, "current_password", "new_password"))}
	paths["/api/users"] = obj{
		"get": operation("list_users", "Accounts", "The accounts", "", nil,
			jsonResponse("Every account and the roles", objectSchema(nil, obj{"users": arrayOf(ref("schemas", "user")), "roles": arrayOf(objectSchema(nil, obj{"id": str(), "name": str()}))}), mediaJSON)),
		"post": withBody(status(operation("create_user", "Accounts", "Add an account", "", nil,
			jsonResponse("The new account", ref("schemas", "user"), mediaJSON)), "201"),
			body(obj{"username": str(), "display_name": str(), "unit": str(), "roles": arrayOf(str()), "password": str()},
				"username", "display_name", "roles", "password")),
	}
	paths["/api/users/{username}"] = obj{"patch": withBody(operation("update_user", "Accounts", "Change an account",
		"Roles, the disabled flag or a password reset end the account's sessions at once.",
		[]any{obj{"name": "username", "in": "path", "required": true, "schema": str()}},
		jsonResponse("The account", ref("schemas", "user"), mediaJSON)),
		body(obj{"display_name": str(), "unit": str(), "roles": arrayOf(str()), "disabled": obj{"type": "boolean"}, "password": str()}))}
	q := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	paths["/api/audit"] = obj{"get": operation("get_audit", "Accounts", "The audit log, newest first", "",
		[]any{q("limit", "entries per page", obj{"type": "integer", "minimum": 1, "maximum": accounts.MaxAuditLimit, "default": 50}),
			q("before", "entries with a smaller id (the previous page's next_before)", obj{"type": "integer"}),
			q("actor", "", str()), q("table", "", str()), q("key", "", str()), q("action", "", str()),
			q("since", "RFC 3339", str()), q("until", "RFC 3339", str())},
		jsonResponse("A page of entries", objectSchema([]string{"entries"}, obj{"entries": arrayOf(ref("schemas", "auditEntry")), "next_before": obj{"type": "integer"}}), mediaJSON))}
}

// annotateAccess writes the route table into the document: every operation says who may call it
// (x-parkmap-access) and its security: the session for those that need one, none (an empty list)
// for the rest, so the published API and the enforced one cannot differ. A collection's own paths
// (/collections/parks/items) take the rule of the template they are served by.
func annotateAccess(paths obj, rules []AccessRule, requireLogin bool) {
	for path, p := range paths {
		for method, op := range p.(obj) {
			rule, ok := accessRuleFor(rules, strings.ToUpper(method), path)
			op, isOp := op.(obj)
			if !ok || !isOp {
				continue
			}
			access := map[Access]string{Open: "anyone", Public: "anyone (published data)", LoggedIn: "any logged-in user",
				RoleRequired: "roles: " + strings.Join(rule.Roles, ", ")}[rule.Access]
			if rule.Access == Public && requireLogin {
				access = "any logged-in user (-require-login)"
			}
			op["x-parkmap-access"] = access
			op["security"] = []obj{}
			if rule.Access == LoggedIn || rule.Access == RoleRequired || rule.Access == Public && requireLogin {
				op["security"] = []obj{{"session": []string{}}}
				resp := op["responses"].(obj)
				resp["401"] = ref("responses", "Unauthorized")
				if rule.Access == RoleRequired {
					resp["403"] = ref("responses", "Forbidden")
				}
			}
		}
	}
}

// accessRuleFor finds the rule of an OpenAPI path: the one written for it, else the first whose
// template it fits ({name} takes one segment, {name:.+} the rest).
func accessRuleFor(rules []AccessRule, method, path string) (AccessRule, bool) {
	for _, r := range rules {
		if r.Method == method && openAPIPath(r.Path) == path {
			return r, true
		}
	}
	for _, r := range rules {
		if r.Method == method && fitsTemplate(r.Path, path) {
			return r, true
		}
	}
	return AccessRule{}, false
}

func fitsTemplate(template, path string) bool {
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	for i, t := range ts {
		switch {
		case strings.HasPrefix(t, "{") && strings.HasSuffix(t, ":.+}"):
			return i < len(ps)
		case i >= len(ps):
			return false
		case strings.HasPrefix(t, "{"):
		case t != ps[i]:
			return false
		}
	}
	return len(ts) == len(ps)
}

// openAPIPath turns a mux template into an OpenAPI path ({file:.+} → {file}).
func openAPIPath(p string) string {
	var b strings.Builder
	for {
		i := strings.Index(p, "{")
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		j := strings.Index(p[i:], "}")
		name, _, _ := strings.Cut(p[i+1:i+j], ":")
		b.WriteString(p[:i] + "{" + name + "}")
		p = p[i+j+1:]
	}
}
