// Package archtest holds the test that keeps the dependency direction of ARCHITECTURE.md: the domain
// at the ground, the store and the HTTP layer above it and never importing each other, the command
// on top. It has no code of its own.
package archtest
