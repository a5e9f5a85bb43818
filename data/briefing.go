package data

import _ "embed"

//go:embed briefing/steps.json
var briefingSteps []byte

// BriefingSteps returns the briefing's story (data/briefing/steps.json), which staff edit without
// touching code. web validates it.
func BriefingSteps() []byte { return briefingSteps }
