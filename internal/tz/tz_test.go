package tz

import "testing"

func TestLoadKeepsZonesAndRefusesUnknownOnes(t *testing.T) {
	a, err := Load("Asia/Seoul")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("Asia/Seoul")
	if err != nil || a != b {
		t.Errorf("second load = %p (%v), want the same zone %p", b, err, a)
	}
	if _, err := Load("Asia/Atlantis"); err == nil {
		t.Error("an unknown zone loaded")
	}
}
