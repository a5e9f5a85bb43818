package data

import "embed"

//go:embed rules/*.json
var rulesFS embed.FS

// EligibilityRules returns the parcel eligibility rules (data/rules/eligibility.json), versioned data
// the land bureau's thresholds live in; eligibility.ParseRules checks them.
func EligibilityRules() []byte {
	b, err := rulesFS.ReadFile("rules/eligibility.json")
	if err != nil {
		panic(err) // the embed pattern above guarantees the file
	}
	return b
}
