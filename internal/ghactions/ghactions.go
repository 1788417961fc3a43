// Package ghactions presents a scan inside GitHub Actions: workflow-command
// annotations on the changed lines, a Markdown job summary, and step
// outputs. It reads the runner's environment through go-githubactions, so
// tests can run it against a fake environment.
package ghactions

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/report"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/internal/safetext"
	"github.com/rlcheck/rlcheck/rules"
)

// AnnotationLimit is how many annotations of each kind GitHub shows for
// one step; the rest are dropped silently, so rlcheck says how many.
const AnnotationLimit = 10

// Bounds of the job summary, which GitHub refuses above 1 MiB: the table
// lists at most SummaryRows findings (the most severe), the problems at
// most summaryNotes notifications.
const (
	SummaryRows  = 500
	summaryNotes = 100
	// SummaryRoutes bounds the rows of the route table.
	SummaryRoutes = 200
)

// InActions reports whether the process runs inside a GitHub Actions job.
func InActions(a *githubactions.Action) bool {
	return a.Getenv("GITHUB_ACTIONS") == "true"
}

// Annotate emits one annotation per finding, most severe first, at most
// AnnotationLimit per kind, and a notice counting those left out.
func Annotate(a *githubactions.Action, run *report.Run) {
	fs := slices.Clone(run.Findings)
	slices.SortStableFunc(fs, func(x, y finding.Finding) int { return cmp.Compare(y.Severity, x.Severity) })
	emitted := make(map[rules.Severity]int)
	left := 0
	for _, f := range fs {
		if emitted[f.Severity] == AnnotationLimit {
			left++
			continue
		}
		emitted[f.Severity]++
		fields := map[string]string{
			"file":    f.Location.Path,
			"line":    strconv.Itoa(f.Location.Start.Line),
			"endLine": strconv.Itoa(f.Location.End.Line),
			"title":   title(f),
		}
		if f.Location.Start.Line == f.Location.End.Line {
			// GitHub accepts columns only on single-line annotations.
			fields["col"] = strconv.Itoa(f.Location.Start.Column)
			fields["endColumn"] = strconv.Itoa(f.Location.End.Column)
		}
		msg := safetext.Line(f.Message)
		if r := rules.Lookup(f.RuleID); r != nil {
			msg += "\n" + r.HelpURI()
		}
		switch annotated := a.WithFieldsMap(fields); f.Severity {
		case rules.High:
			annotated.Errorf("%s", msg)
		case rules.Medium:
			annotated.Warningf("%s", msg)
		default:
			annotated.Noticef("%s", msg)
		}
	}
	if left > 0 {
		a.Noticef("rlcheck: %d more findings are not annotated (GitHub shows %d of each kind per step); see the job summary or the SARIF report", left, AnnotationLimit)
	}
}

func title(f finding.Finding) string {
	if r := rules.Lookup(f.RuleID); r != nil {
		return fmt.Sprintf("%s %s (%s)", r.ID, r.Name, f.Severity)
	}
	return f.RuleID
}

// notAnnotated counts the findings beyond the annotation limit.
func notAnnotated(c Counts) int {
	n := 0
	for _, k := range []int{c.High, c.Medium, c.Low} {
		n += max(0, k-AnnotationLimit)
	}
	return n
}

// Counts tallies findings by severity.
type Counts struct {
	Total, High, Medium, Low int
}

// Count tallies the findings of run.
func Count(run *report.Run) Counts {
	var c Counts
	for _, f := range run.Findings {
		c.Total++
		switch f.Severity {
		case rules.High:
			c.High++
		case rules.Medium:
			c.Medium++
		default:
			c.Low++
		}
	}
	return c
}

// PullRequestBase returns the base commit of the pull request that
// triggered the workflow (pull_request and pull_request_target events:
// the event's pull_request.base.sha, else the base branch), or false for
// any other event.
func PullRequestBase(a *githubactions.Action) (string, bool) {
	ctx, err := a.Context()
	if err != nil || ctx.EventName != "pull_request" && ctx.EventName != "pull_request_target" {
		return "", false
	}
	if pr, ok := ctx.Event["pull_request"].(map[string]any); ok {
		if base, ok := pr["base"].(map[string]any); ok {
			if sha, ok := base["sha"].(string); ok && sha != "" {
				return sha, true
			}
		}
	}
	if ctx.BaseRef != "" {
		return ctx.BaseRef, true
	}
	return "", false
}

// SetOutputs writes the step outputs findings, high, medium, low,
// sarif-file and exit-code to the GITHUB_OUTPUT file. A sarif-file path
// with a line break is refused: go-githubactions writes every output
// between lines of one fixed delimiter, which such a value could forge.
func SetOutputs(a *githubactions.Action, run *report.Run, sarifFile string, exitCode int) (err error) {
	if strings.ContainsAny(sarifFile, "\r\n") {
		return fmt.Errorf("the SARIF file name %s holds a line break", safetext.Line(sarifFile))
	}
	defer func() {
		if r := recover(); r != nil { // go-githubactions panics on I/O errors
			err = fmt.Errorf("writing the step outputs: %v", r)
		}
	}()
	c := Count(run)
	a.SetOutput("findings", strconv.Itoa(c.Total))
	a.SetOutput("high", strconv.Itoa(c.High))
	a.SetOutput("medium", strconv.Itoa(c.Medium))
	a.SetOutput("low", strconv.Itoa(c.Low))
	a.SetOutput("sarif-file", sarifFile)
	a.SetOutput("exit-code", strconv.Itoa(exitCode))
	return nil
}

// Summary renders the Markdown job summary: counts by severity and rule,
// a table of findings linked to their lines, and each rule's fix.
// sourcePrefix is the repository path of the directory that finding paths
// are relative to ("" for the repository root).
func Summary(a *githubactions.Action, run *report.Run, sourcePrefix string) string {
	var b strings.Builder
	c := Count(run)
	switch {
	case c.Total == 0 && run.PythonFiles == 0 && run.GoPackages == 0:
		b.WriteString("## rlcheck: nothing analyzed\n\nThe paths scanned hold no Python file and no Go package.\n\n")
	case c.Total == 0:
		b.WriteString("## rlcheck: no rate-limit bypasses found\n\n")
	case c.Total == 1:
		b.WriteString("## rlcheck: 1 finding\n\n")
	default:
		fmt.Fprintf(&b, "## rlcheck: %d findings\n\n", c.Total)
	}
	if n := len(run.Suppressed); n > 0 || run.Baselined > 0 {
		fmt.Fprintf(&b, "Not listed: %d suppressed by a comment with a reason, %d in the baseline (or already in the base of the pull request).\n\n", n, run.Baselined)
	}
	if c.Total > 0 {
		fmt.Fprintf(&b, "| high | medium | low |\n| ---: | ---: | ---: |\n| %d | %d | %d |\n\n", c.High, c.Medium, c.Low)
		if hidden := notAnnotated(c); hidden > 0 {
			fmt.Fprintf(&b, "GitHub shows %d annotations of each kind per step: %d finding(s) appear only in the table below and in the SARIF report.\n\n", AnnotationLimit, hidden)
		}
		if run.SARIFOmitted > 0 {
			fmt.Fprintf(&b, "GitHub code scanning accepts at most %d results per run and 10 MB: %d finding(s) of lower severity are not in the SARIF report; the log has them all.\n\n",
				report.MaxSARIFResults, run.SARIFOmitted)
		}
		writeRuleTable(&b, run)
		writeFindingTable(a, &b, run, sourcePrefix)
	}
	writeRouteTable(a, &b, run.Routes, sourcePrefix)
	if len(run.Notifications) > 0 {
		fmt.Fprintf(&b, "<details><summary>%d problem(s) while scanning</summary>\n\n", len(run.Notifications))
		for _, n := range run.Notifications[:min(len(run.Notifications), summaryNotes)] {
			fmt.Fprintf(&b, "- **%s** %s\n", n.Level, safetext.Markdown(n.Message))
		}
		if more := len(run.Notifications) - summaryNotes; more > 0 {
			fmt.Fprintf(&b, "- and %d more, in the log\n", more)
		}
		b.WriteString("\n</details>\n")
	}
	return b.String()
}

func writeRuleTable(b *strings.Builder, run *report.Run) {
	perRule := make(map[string]int)
	var ids []string
	for _, f := range run.Findings {
		if perRule[f.RuleID] == 0 {
			ids = append(ids, f.RuleID)
		}
		perRule[f.RuleID]++
	}
	slices.Sort(ids)
	b.WriteString("| rule | findings | fix |\n| --- | ---: | --- |\n")
	for _, id := range ids {
		r := rules.Lookup(id)
		if r == nil {
			fmt.Fprintf(b, "| %s | %d | |\n", id, perRule[id])
			continue
		}
		fmt.Fprintf(b, "| [%s %s](%s) | %d | %s |\n", r.ID, r.Name, r.HelpURI(), perRule[id], escape(r.Fix))
	}
	b.WriteString("\n")
}

func writeFindingTable(a *githubactions.Action, b *strings.Builder, run *report.Run, sourcePrefix string) {
	listed := report.MostSevere(run.Findings, SummaryRows)
	if more := len(run.Findings) - len(listed); more > 0 {
		fmt.Fprintf(b, "The %d most severe findings; %d more are in the rlcheck log and reports.\n\n", len(listed), more)
	}
	b.WriteString("| severity | rule | location | message |\n| --- | --- | --- | --- |\n")
	for _, f := range listed {
		loc := fmt.Sprintf("%s:%d", safetext.Markdown(f.Location.Path), f.Location.Start.Line)
		if link := lineLink(a, sourcePrefix, f.Location); link != "" {
			loc = fmt.Sprintf("[%s](%s)", loc, link)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", f.Severity, f.RuleID, loc, safetext.Markdown(f.Message))
	}
	b.WriteString("\n")
}

// writeRouteTable lists the routes of the applications scanned with the
// limit that covers each: those RL015 reports first, then the other
// routes without a limit, then the limited ones, at most SummaryRoutes.
// The table is folded unless RL015 reports a route.
func writeRouteTable(a *githubactions.Action, b *strings.Builder, rs []routes.Route, sourcePrefix string) {
	if len(rs) == 0 {
		return
	}
	type key struct {
		method, path, file string
		line, col          int
	}
	keyOf := func(r routes.Route) key {
		return key{r.Method, r.Path, r.Location.Path, r.Location.Start.Line, r.Location.Start.Column}
	}
	reported := make(map[key]bool)
	for _, r := range routes.Unlimited(rs) {
		reported[keyOf(r)] = true
	}
	rank := func(r routes.Route) int {
		switch {
		case reported[keyOf(r)]:
			return 0
		case !r.Limited():
			return 1
		}
		return 2
	}
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(x, y routes.Route) int { return cmp.Compare(rank(x), rank(y)) })
	limited := 0
	for _, r := range rs {
		if r.Limited() {
			limited++
		}
	}
	open := ""
	if len(reported) > 0 {
		open = " open"
	}
	fmt.Fprintf(b, "<details%s><summary>%d route(s), %d with a rate limit, %d reported by RL015</summary>\n\n", open, len(rs), limited, len(reported))
	listed := sorted[:min(len(sorted), SummaryRoutes)]
	if more := len(sorted) - len(listed); more > 0 {
		fmt.Fprintf(b, "The first %d routes, those without a limit first; %d more are not listed (`rlcheck routes` prints them all).\n\n", len(listed), more)
	}
	b.WriteString("| limit | method | path | handler | location |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range listed {
		limit := safetext.Markdown(string(r.Limit))
		if r.By != "" {
			limit += ": " + safetext.Markdown(r.By)
		}
		if reported[keyOf(r)] {
			limit = "**none** (RL015)"
		}
		loc := fmt.Sprintf("%s:%d", safetext.Markdown(r.Location.Path), r.Location.Start.Line)
		if link := lineLink(a, sourcePrefix, r.Location); link != "" {
			loc = fmt.Sprintf("[%s](%s)", loc, link)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", limit, safetext.Markdown(r.Method), safetext.Markdown(r.Path), safetext.Markdown(r.Handler), loc)
	}
	b.WriteString("\n</details>\n\n")
}

// lineLink points at the finding's lines in the commit being checked, or
// is empty outside a repository checkout.
func lineLink(a *githubactions.Action, sourcePrefix string, loc finding.Location) string {
	server, repo, sha := a.Getenv("GITHUB_SERVER_URL"), a.Getenv("GITHUB_REPOSITORY"), a.Getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" || path.IsAbs(loc.Path) {
		return ""
	}
	p := path.Join(sourcePrefix, loc.Path)
	// Parentheses are legal in a URL path but would end a Markdown link.
	escaped := strings.NewReplacer("(", "%28", ")", "%29").Replace((&url.URL{Path: p}).EscapedPath())
	link := fmt.Sprintf("%s/%s/blob/%s/%s#L%d", server, repo, sha, escaped, loc.Start.Line)
	if loc.End.Line > loc.Start.Line {
		link += fmt.Sprintf("-L%d", loc.End.Line)
	}
	return link
}

// escape keeps rlcheck's own Markdown (a rule's fix, with code spans)
// inside one table cell. Text from the scanned code goes through
// safetext.Markdown instead.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(s)
}

// SourcePrefix is the repository path of root: root relative to the
// workspace checkout, "" when root is the checkout itself or outside it.
func SourcePrefix(a *githubactions.Action, root string) string {
	ws := a.Getenv("GITHUB_WORKSPACE")
	if ws == "" {
		return ""
	}
	p := finding.RelPath(ws, root)
	if p == "." || path.IsAbs(p) {
		return ""
	}
	return p
}

// WriteSummary appends markdown to the job summary file. Outside a runner
// (no GITHUB_STEP_SUMMARY) it does nothing.
func WriteSummary(a *githubactions.Action, markdown string) (err error) {
	if a.Getenv("GITHUB_STEP_SUMMARY") == "" {
		return nil
	}
	defer func() {
		if r := recover(); r != nil { // go-githubactions panics on I/O errors
			err = fmt.Errorf("writing the job summary: %v", r)
		}
	}()
	a.AddStepSummary(markdown)
	return nil
}
