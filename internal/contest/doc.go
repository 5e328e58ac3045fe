// Package contest runs the Global Start-up Contest (SPEC §3.2): contests,
// rounds and criteria, applications, judges and conflicts, assignment,
// reviews, results, advancing, publication and awards.
package contest
