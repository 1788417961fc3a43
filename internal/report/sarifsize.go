package report

import (
	"cmp"
	"compress/gzip"
	"fmt"
	"slices"

	"github.com/rlcheck/rlcheck/internal/finding"
)

// GitHub code scanning's limits on an uploaded SARIF log ("SARIF support
// for code scanning"): it rejects a run with more results, a result with
// more locations or thread flow locations, and an upload larger than
// 10 MB gzipped. Of the locations and flow steps it shows at most 100 and
// 1,000, so rlcheck keeps those.
const (
	MaxSARIFResults = 25_000    // results per run
	MaxSARIFGzip    = 8_000_000 // bytes of the gzipped log: 10 MB, less a margin for what upload-sarif adds
	maxRelated      = 99        // related locations per result, besides the primary one
	maxFlowSteps    = 1_000     // thread flow locations per result
)

// gzipLimit is MaxSARIFGzip, smaller in tests.
var gzipLimit = MaxSARIFGzip

// FitSARIF returns run as the SARIF writer renders it, within GitHub's
// limits. A result keeps at most 99 related locations and 1,000 flow
// steps (the first, and the last one, the sink): what GitHub shows of
// them. Above MaxSARIFResults findings, the most severe are kept. If the
// gzipped log is still larger than MaxSARIFGzip, related locations and
// flows are left out first, then the least severe findings. Whatever is
// left out is counted in SARIFOmitted and a notification, so that
// nothing disappears silently; run itself is not changed.
func FitSARIF(run *Run) (*Run, error) {
	fitted, _, err := fitSARIF(run)
	return fitted, err
}

// fitSARIF is FitSARIF, with the rendered log.
func fitSARIF(run *Run) (*Run, []byte, error) {
	fitted := *run
	fitted.Findings = make([]finding.Finding, len(run.Findings))
	for i, f := range run.Findings {
		if len(f.Related) > maxRelated {
			f.Related = f.Related[:maxRelated]
		}
		if len(f.Flow) > maxFlowSteps {
			f.Flow = append(f.Flow[:maxFlowSteps-1:maxFlowSteps-1], f.Flow[len(f.Flow)-1])
		}
		fitted.Findings[i] = f
	}
	kept := MostSevere(fitted.Findings, MaxSARIFResults)
	stripped := false
	for {
		attempt := fitted
		attempt.Findings = kept
		if stripped {
			attempt.Findings = withoutPaths(kept)
		}
		dropped := len(run.Findings) - len(kept)
		attempt.SARIFOmitted = run.SARIFOmitted + dropped
		if note, ok := omissionNote(run.Findings, kept, stripped); ok {
			attempt.Notifications = append(slices.Clip(run.Notifications), note)
		}
		data, err := renderSARIF(&attempt)
		if err != nil {
			return nil, nil, err
		}
		size := len(data)
		if size > gzipLimit {
			size = gzipSize(data)
		}
		switch {
		case size <= gzipLimit || len(kept) == 0:
			return &attempt, data, nil
		case !stripped && hasPaths(kept):
			stripped = true
		default:
			// Shrink in proportion, a little more, until it fits.
			n := int(float64(len(kept)) * float64(gzipLimit) / float64(size) * 0.95)
			kept = MostSevere(kept, min(n, len(kept)-1))
		}
	}
}

// MostSevere returns the n most severe findings of fs (all of them when
// there are not more), in the order of fs; among findings of the same
// severity, the first ones.
func MostSevere(fs []finding.Finding, n int) []finding.Finding {
	if len(fs) <= n {
		return fs
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(fs[b].Severity, fs[a].Severity) })
	keep := make([]bool, len(fs))
	for _, i := range order[:max(n, 0)] {
		keep[i] = true
	}
	out := make([]finding.Finding, 0, max(n, 0))
	for i, f := range fs {
		if keep[i] {
			out = append(out, f)
		}
	}
	return out
}

func hasPaths(fs []finding.Finding) bool {
	return slices.ContainsFunc(fs, func(f finding.Finding) bool { return len(f.Related) > 0 || len(f.Flow) > 0 })
}

// withoutPaths returns fs without related locations and flows.
func withoutPaths(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	for i := range out {
		out[i].Related, out[i].Flow = nil, nil
	}
	return out
}

// omissionNote describes what of all the SARIF report leaves out.
func omissionNote(all, kept []finding.Finding, stripped bool) (finding.Notification, bool) {
	var msg string
	if dropped := len(all) - len(kept); dropped > 0 {
		c, k := countSeverities(all), countSeverities(kept)
		msg = fmt.Sprintf("%s (%d high, %d medium, %d low) are not in the SARIF report, which keeps the %d most severe: GitHub code scanning accepts at most %d results per run and 10 MB gzipped; the text and JSON reports have them all",
			plural(dropped, "finding"), c.high-k.high, c.medium-k.medium, c.low-k.low, len(kept), MaxSARIFResults)
	}
	if stripped {
		if msg != "" {
			msg += "; "
		}
		msg += "the SARIF report leaves out related locations and flows, to stay under GitHub's upload limit of 10 MB gzipped"
	}
	return finding.Notification{Level: finding.LevelWarning, Message: msg}, msg != ""
}

// gzipSize is the size of data gzipped at the default level, as
// upload-sarif sends it.
func gzipSize(data []byte) int {
	var n countingWriter
	zw := gzip.NewWriter(&n)
	zw.Write(data)
	zw.Close()
	return int(n)
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
