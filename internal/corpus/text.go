package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lang is a language of the corpus: an index into every pair below.
type lang int

const (
	ko lang = iota
	en
)

// code is the language code used in file names.
func (l lang) code() string { return [...]string{"ko", "en"}[l] }

// pair is one piece of text in Korean and in English.
type pair [2]string

// terms are the nouns prose is made of. The Korean side mixes Hangul with
// the English terms Korean developers write as they are; the English side
// is singular, so every English template agrees with it.
var terms = []pair{
	{"reconcile loop", "the reconcile loop"},
	{"API 서버", "the API server"},
	{"컨트롤러", "the controller"},
	{"informer 캐시", "the informer cache"},
	{"watch 스트림", "the watch stream"},
	{"고루틴", "each goroutine"},
	{"채널", "the channel"},
	{"빌드 캐시", "the build cache"},
	{"CI 파이프라인", "the CI pipeline"},
	{"메모리 할당", "memory allocation"},
	{"GC", "the GC"},
	{"테스트 코드", "the test code"},
	{"에러 처리", "error handling"},
	{"리뷰 과정", "the review process"},
	{"로그", "the log output"},
	{"메트릭 수집기", "the metrics collector"},
	{"설정 파일", "the config file"},
	{"front matter 파서", "the front matter parser"},
	{"Markdown 렌더러", "the Markdown renderer"},
	{"HTTP 핸들러", "the HTTP handler"},
	{"context 취소", "context cancellation"},
	{"race condition", "the race condition"},
	{"mutex", "the mutex"},
	{"스케줄러", "the scheduler"},
	{"노드", "the node"},
	{"Pod", "the Pod"},
	{"Deployment", "the Deployment"},
	{"readiness probe", "the readiness probe"},
	{"컨테이너 이미지", "the container image"},
	{"Dockerfile", "the Dockerfile"},
	{"이미지 레지스트리", "the image registry"},
	{"trait 객체", "the trait object"},
	{"borrow checker", "the borrow checker"},
	{"lifetime 규칙", "the lifetime rules"},
	{"async 런타임", "the async runtime"},
	{"패키지 구조", "the package layout"},
	{"인터페이스", "the interface"},
	{"의존성 그래프", "the dependency graph"},
	{"모듈 캐시", "the module cache"},
	{"캐시 키", "the cache key"},
	{"작업 큐", "the work queue"},
	{"재시도 로직", "the retry logic"},
	{"타임아웃 설정", "the timeout setting"},
	{"connection pool", "the connection pool"},
	{"트랜잭션", "the transaction"},
	{"인덱스", "the index"},
	{"쿼리 플래너", "the query planner"},
	{"페이지 캐시", "the page cache"},
	{"시스템 콜", "the system call"},
	{"파일 디스크립터", "the file descriptor"},
	{"TLS 핸드셰이크", "the TLS handshake"},
	{"DNS 조회", "the DNS lookup"},
	{"로드 밸런서", "the load balancer"},
	{"sidecar 프록시", "the sidecar proxy"},
	{"Envoy 설정", "the Envoy config"},
	{"CRD 스키마", "the CRD schema"},
	{"admission webhook", "the admission webhook"},
	{"finalizer", "the finalizer"},
	{"leader election", "leader election"},
	{"etcd 클러스터", "the etcd cluster"},
	{"직렬화 코드", "the serialization code"},
	{"벤치마크 하네스", "the benchmark harness"},
	{"프로파일러", "the profiler"},
	{"flame graph", "the flame graph"},
	{"릴리스 노트", "the release notes"},
	{"문서 사이트", "the docs site"},
	{"정적 사이트 생성기", "the static site generator"},
	{"검색 인덱스", "the search index"},
	{"템플릿 엔진", "the template engine"},
	{"CLI 플래그", "the CLI flag parser"},
}

// The rest of the pools fill the other slots of a template.
var (
	// connectors ({K}) open a sentence.
	connectors = []pair{
		{"그래서", "So"}, {"하지만", "But"}, {"한편", "Meanwhile"},
		{"다행히", "Luckily"}, {"돌이켜 보면", "Looking back"}, {"사실", "In fact"},
		{"무엇보다", "Above all"}, {"이때", "At this point"}, {"결과적으로", "As a result"},
		{"물론", "Of course"}, {"게다가", "On top of that"}, {"반대로", "Conversely"},
		{"다시 말해", "In other words"},
	}
	// verbs ({V}) take the subject A and the object B: "A는 B를 V" in
	// Korean, "A V" with B in place of the ~ in English.
	verbs = []pair{
		{"다시 계산한다", "recomputes ~"},
		{"먼저 검증한다", "validates ~ up front"},
		{"한 번 더 감싼다", "wraps ~ once more"},
		{"캐시에 저장해 둔다", "caches ~"},
		{"작은 단위로 나눈다", "splits ~ into small pieces"},
		{"매번 새로 만든다", "rebuilds ~ every time"},
		{"비동기로 처리한다", "processes ~ asynchronously"},
		{"로그로 남긴다", "logs ~"},
		{"조용히 무시하고 있었다", "was silently ignoring ~"},
		{"두 번 호출하고 있었다", "was calling ~ twice"},
		{"잘못 해석하고 있었다", "was misreading ~"},
		{"너무 자주 갱신했다", "refreshed ~ too often"},
		{"끝까지 기다렸다", "waited for ~ until the end"},
		{"별도 고루틴에서 돌린다", "runs ~ in a separate goroutine"},
		{"interface 뒤로 숨긴다", "hides ~ behind an interface"},
		{"복사하지 않고 재사용한다", "reuses ~ without copying it"},
		{"정렬한 뒤 비교한다", "sorts ~ before comparing"},
		{"lock 없이 읽는다", "reads ~ without a lock"},
		{"배치로 묶어서 보낸다", "sends ~ in batches"},
		{"lazy하게 초기화한다", "initializes ~ lazily"},
		{"한곳에 모아 관리한다", "keeps ~ in one place"},
		{"명시적으로 닫아 준다", "closes ~ explicitly"},
		{"timeout과 함께 호출한다", "calls ~ with a timeout"},
		{"직접 소유한다", "owns ~"},
		{"매 요청마다 복사한다", "copies ~ on every request"},
		{"감시하고 있다", "watches ~"},
		{"무효화한다", "invalidates ~"},
		{"직렬화한다", "serializes ~"},
	}
	// states ({J}) end a sentence about A.
	states = []pair{
		{"생각보다 느렸다", "was slower than expected"},
		{"문제의 원인이었다", "turned out to be the real cause"},
		{"가장 까다로운 부분이었다", "was the hardest part"},
		{"예상보다 단순했다", "was simpler than it looked"},
		{"의외로 잘 동작했다", "worked surprisingly well"},
		{"테스트하기 어려웠다", "was hard to test"},
		{"어디에도 문서화되어 있지 않았다", "was not documented anywhere"},
		{"실행할 때마다 달라졌다", "changed on every run"},
		{"재현하기 어려웠다", "was hard to reproduce"},
		{"꽤 비쌌다", "was quite expensive"},
		{"거의 공짜에 가까웠다", "was nearly free"},
		{"생각만큼 안전하지 않다", "is not as safe as it looks"},
		{"대부분의 경우 충분하다", "is enough in most cases"},
		{"병목이 아니었다", "was not the bottleneck"},
		{"금방 익숙해졌다", "became familiar quickly"},
		{"결국 필요 없었다", "was not needed after all"},
		{"가장 먼저 손봐야 했다", "had to be fixed first"},
	}
	// metrics ({M}) are what got measured.
	metrics = []pair{
		{"p99 레이턴시", "p99 latency"}, {"메모리 사용량", "memory usage"},
		{"빌드 시간", "build time"}, {"CPU 사용률", "CPU usage"},
		{"GC 횟수", "the number of GC cycles"}, {"allocation 수", "allocations per op"},
		{"에러율", "the error rate"}, {"응답 시간", "response time"},
		{"이미지 크기", "the image size"}, {"테스트 시간", "test time"},
		{"cold start 시간", "cold start time"},
	}
	// people ({W}) review and suggest.
	people = []pair{
		{"메인테이너", "the maintainer"}, {"clux", "clux"}, {"동료", "a colleague"},
		{"리뷰어", "the reviewer"}, {"팀 리드", "my team lead"}, {"SIG 리더", "a SIG lead"},
		{"첫 리뷰어", "the first reviewer"},
	}
	// projects ({R}) are what posts contribute to, with their repository.
	projects = []struct{ name, repo string }{
		{"kube-rs", "kube-rs/kube"}, {"Istio", "istio/istio"},
		{"Kubernetes", "kubernetes/kubernetes"}, {"goldmark", "yuin/goldmark"},
		{"Hugo", "gohugoio/hugo"}, {"tokio", "tokio-rs/tokio"},
		{"containerd", "containerd/containerd"}, {"Argo CD", "argoproj/argo-cd"},
		{"Prometheus", "prometheus/prometheus"}, {"etcd", "etcd-io/etcd"},
	}

	identVerbs = []string{"sync", "handle", "build", "load", "parse", "apply", "watch", "flush", "resolve", "render", "fetch", "encode"}
	identNouns = []string{"Pods", "Event", "Index", "Config", "Cache", "Queue", "Request", "Tags", "Posts", "Batch", "Lease", "Token"}
)

// koSentences and enSentences are the prose templates. A slot is {A}, {B}
// or {D} (terms, {*A} in bold), {K}, {V}, {J}, {M}, {W}, {R} (the pools
// above), {X} (an identifier in backticks), {N}, {N2}, {P}, {G} (numbers),
// {Y} (a year) or {L} (a link). In Korean, {A:은} adds the particle that
// fits the word: 은 or 는, and likewise 이/가, 을/를, 과/와, 으로/로,
// 이었다/였다, 이다/다.
var koSentences = []string{
	"{A:은} {B:을} {V}.",
	"{K} {A:은} {B:을} {V}.",
	"{A:이} {J}.",
	"{K} {A:이} {J}.",
	"처음에는 {A:을} 의심했지만, 실제 원인은 {B:이었다}.",
	"{A:과} {B:을} 함께 보면 {D:이} 왜 필요한지 알 수 있다.",
	"{N}번 정도 실험해 보니 {A:이} {B}보다 {N2}배 빨랐다.",
	"이 부분은 {X} 함수에서 처리한다.",
	"결국 {A:을} 바꾸는 것만으로 {M:이} {P}% 줄었다.",
	"리뷰에서 {W:은} {A:을} 별도 패키지로 분리하자고 제안했다.",
	"{A:을} 직접 구현하기보다는 {B:을} 쓰는 편이 낫다고 판단했다.",
	"왜 {A:이} 이렇게 자주 호출될까?",
	"핵심은 {*A:이다}.",
	"{A:은} 생각보다 {B:과} 강하게 묶여 있었다.",
	"문서에는 {A:이} {B:을} 보장한다고 적혀 있지만, 실제 동작은 조금 달랐다.",
	"로그를 보면 {X} 호출이 {N}번 연속으로 찍혀 있었다.",
	"{K} 이 방식은 {A:이} 커질수록 불리해진다.",
	"{A:은} 결국 {B:으로} 대체했다.",
	"테스트 환경에서는 {A:이} 문제없이 동작했지만 production에서는 {M:이} 계속 올라갔다.",
	"{A:을} 다룰 때는 {B:을} 먼저 떠올리는 습관이 생겼다.",
	"관련 이슈를 읽다 보니 {A:과} {B} 사이의 경계가 모호하다는 의견이 많았다.",
	"{N}줄짜리 수정이었지만 {A:을} 이해하는 데 며칠이 걸렸다.",
	"지금 돌아보면 {A:은} 처음부터 {B:과} 분리했어야 했다.",
	"{A:이} 바뀌면 {B}도 함께 바뀌어야 한다.",
	"이번 글에서는 {A:을} 중심으로 {B:과} {D:을} 정리해 본다.",
	"{A}의 동작을 이해하려면 {B}부터 봐야 한다.",
	"같은 문제가 {A}에서도 반복됐다.",
	"{K} {A:은} {M:을} 기준으로 판단하는 편이 안전하다.",
	"{W:은} PR 설명에 {A:과} {B}의 차이를 표로 정리해 달라고 했다.",
	"{A:을} 켜고 나서 {M:이} {P}% 정도 좋아졌다.",
	"대부분의 경우 {A:으로} 충분하지만, {B:이} 섞이면 이야기가 달라진다.",
	"한 번은 {A:이} {N}초 넘게 응답하지 않아서 {B:을} 재시작해야 했다.",
	"이런 상황에서 {A:은} 어떻게 동작해야 할까?",
	"이를 확인하려고 {X} 주변에 작은 benchmark를 하나 작성했다.",
	"아래 숫자는 {N2}코어 머신에서 Go 1.{G}로 측정한 값이다.",
	"{R} 코드베이스에서도 {A:은} 비슷한 방식으로 구현되어 있다.",
	"{A:이} {J}는 점은 나중에야 알게 됐다.",
	"솔직히 말하면 {A:을} 제대로 이해하지 못한 채로 {B:을} 건드리고 있었다.",
	"{A:은} {N2}년 전에 만들어진 코드라 {B:을} 전혀 고려하지 않았다.",
	"{M:이} 튀는 시점과 {A:이} 재시작되는 시점이 정확히 겹쳤다.",
	"{B:을} 건드리지 않고 {A:을} 고치는 방법은 없을까?",
	"{A}에 {X} 호출 하나를 추가했을 뿐인데 {M:이} {N2}배가 됐다.",
	"같은 문제가 {R}의 {A}에서도 보고된 적이 있다.",
	"먼저 {A:을} 최소한으로 재현하는 예제를 만들었다.",
	"{A:과} {B:은} 이름은 비슷하지만 하는 일이 전혀 다르다.",
	"{W:은} 이 변경이 {A}에 어떤 영향을 주는지 물었다.",
	"테스트 몇 개가 {A} 때문에 실패했는데, 그중 {N2}개는 CI에서만 실패했다.",
	"결론부터 말하면 {A:은} 잘못이 없었다.",
	"{A:이} 왜 필요한지는 {B:을} 직접 구현해 보고 나서야 이해했다.",
	"{K} 우리 팀은 {A:을} {B:으로} 감싸는 쪽을 택했다.",
	"사소해 보이지만 {A}의 순서가 결과를 바꾼다.",
}

var enSentences = []string{
	"{A} {V}.",
	"{K}, {A} {V}.",
	"{A} {J}.",
	"{K}, {A} {J}.",
	"At first I suspected {A}, but the real cause was {B}.",
	"Looking at {A} and {B} together explains why {D} exists at all.",
	"After about {N} runs, {A} was {N2} times faster than {B}.",
	"This part is handled in {X}.",
	"In the end, changing {A} alone cut {M} by {P}%.",
	"In the review, {W} suggested moving {A} into its own package.",
	"Rather than writing {A} by hand, I decided to use {B}.",
	"Why is {A} called so often?",
	"The key is {*A}.",
	"{A} turned out to be tightly coupled to {B}.",
	"The docs say {A} guarantees {B}, but the actual behaviour was a little different.",
	"The logs showed {X} being called {N} times in a row.",
	"{K}, this approach gets worse as {A} grows.",
	"We eventually replaced {A} with {B}.",
	"Everything worked in the test environment, but in production {M} kept climbing.",
	"Whenever I deal with {A}, I now think about {B} first.",
	"Reading the related issues, many people felt the line between {A} and {B} was unclear.",
	"It was a {N}-line change, but understanding {A} took me days.",
	"Looking back, {A} should have been separated from {B} from the start.",
	"When {A} changes, {B} has to change with it.",
	"This post walks through {B} and {D}, with {A} at the center.",
	"To understand how {A} behaves, you have to start with {B}.",
	"The same problem showed up again in {A}.",
	"{K}, it is safer to judge {A} by {M}.",
	"{W} asked for a table in the PR description comparing {A} and {B}.",
	"After turning on {A}, {M} improved by about {P}%.",
	"{A} is enough in most cases, but things change once {B} gets involved.",
	"Once, {A} did not respond for more than {N} seconds and we had to restart {B}.",
	"How should {A} behave in a situation like this?",
	"I wrote a small benchmark around {X} to check this.",
	"The numbers below were measured on a {N2}-core machine with Go 1.{G}.",
	"The {R} code base implements {A} in much the same way.",
	"Only later did I learn that {A} {J}.",
	"To be honest, I was touching {B} without really understanding {A}.",
	"{A} was written {N2} years ago and never took {B} into account.",
	"The spikes in {M} lined up exactly with restarts of {A}.",
	"Is there a way to fix {A} without touching {B}?",
	"Adding a single call to {X} in {A} multiplied {M} by {N2}.",
	"The same issue has been reported against {A} in {R}.",
	"First, I built the smallest example that reproduces the problem with {A}.",
	"{A} and {B} have similar names but do completely different jobs.",
	"{W} asked how this change affects {A}.",
	"Several tests failed because of {A}, {N2} of them only on CI.",
	"To cut a long story short, {A} was not at fault.",
	"I only understood why {A} is needed after implementing {B} myself.",
	"{K}, our team chose to wrap {A} in {B}.",
	"It looks minor, but the order of {A} changes the result.",
}

// slots is one choice for every slot of a template, so that a paired
// template reads the same in both languages.
type slots struct {
	a, b, d           pair
	k, v, j, m, w     pair
	link              pair // Markdown links, for {L}
	x                 string
	r                 int // index into projects
	n, n2, p, g, year int
}

// pick fills slots at random. Terms come from topic most of the time, so a
// post keeps to its subject.
func pick(r *rand.Rand, topic []pair) slots {
	term := func() pair {
		if r.IntN(5) > 0 {
			return topic[r.IntN(len(topic))]
		}
		return terms[r.IntN(len(terms))]
	}
	s := slots{a: term()}
	for s.b = term(); s.b == s.a; s.b = term() {
	}
	for s.d = term(); s.d == s.a || s.d == s.b; s.d = term() {
	}
	s.k = connectors[r.IntN(len(connectors))]
	s.v = verbs[r.IntN(len(verbs))]
	s.j = states[r.IntN(len(states))]
	s.m = metrics[r.IntN(len(metrics))]
	s.w = people[r.IntN(len(people))]
	s.r = r.IntN(len(projects))
	s.x = identVerbs[r.IntN(len(identVerbs))] + identNouns[r.IntN(len(identNouns))]
	s.n = 2 + r.IntN(48)
	s.n2 = 2 + r.IntN(8)
	s.p = 5 + r.IntN(75)
	s.g = 18 + r.IntN(9)
	return s
}

// fill writes a template in one language with the given slots. English
// text starts with a capital; Korean text keeps a term as it is written
// ("context 취소").
func fill(tmpl string, l lang, s slots) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}') + i
		b.WriteString(tmpl[:i])
		b.WriteString(slot(tmpl[i+1:j], l, s))
		tmpl = tmpl[j+1:]
	}
	if l == en {
		return capitalize(b.String())
	}
	return b.String()
}

func slot(name string, l lang, s slots) string {
	name, particle, _ := strings.Cut(name, ":")
	bold := strings.HasPrefix(name, "*")
	name = strings.TrimPrefix(name, "*")
	var w string
	switch name {
	case "A":
		w = s.a[l]
	case "B":
		w = s.b[l]
	case "D":
		w = s.d[l]
	case "K":
		w = s.k[l]
	case "V":
		w = strings.ReplaceAll(s.v[l], "~", s.b[l])
	case "J":
		w = s.j[l]
	case "M":
		w = s.m[l]
	case "W":
		w = s.w[l]
	case "R":
		w = projects[s.r].name
	case "X":
		w = "`" + s.x + "()`"
	case "N":
		w = strconv.Itoa(s.n)
	case "N2":
		w = strconv.Itoa(s.n2)
	case "P":
		w = strconv.Itoa(s.p)
	case "G":
		w = strconv.Itoa(s.g)
	case "Y":
		w = strconv.Itoa(s.year)
	case "L":
		w = s.link[l]
	default:
		return "{" + name + "}" // a typo in a template: the tests look for braces
	}
	p := ""
	if particle != "" {
		p = josa(w, particle)
	}
	if bold {
		w = "**" + w + "**"
	}
	return w + p
}

// josa returns the form of a Korean particle that fits the end of word:
// the first form after a final consonant, the second after a vowel.
func josa(word, particle string) string {
	forms, ok := particles[particle]
	if !ok {
		return "{" + particle + "}" // a typo in a template: the tests look for braces
	}
	final, rieul := batchim(word)
	switch {
	case particle == "으로" && rieul:
		return forms[1]
	case final:
		return forms[0]
	}
	return forms[1]
}

var particles = map[string][2]string{
	"은": {"은", "는"}, "이": {"이", "가"}, "을": {"을", "를"}, "과": {"과", "와"},
	"으로": {"으로", "로"}, "이었다": {"이었다", "였다"}, "이다": {"이다", "다"},
}

// batchim reports whether word, read aloud, ends in a consonant, and
// whether that consonant is ㄹ. English words are guessed from their
// spelling, well enough for the pools above.
func batchim(word string) (final, rieul bool) {
	r, _ := utf8.DecodeLastRuneInString(word)
	if r >= 0xAC00 && r <= 0xD7A3 {
		jong := (r - 0xAC00) % 28
		return jong != 0, jong == 8
	}
	lower := strings.ToLower(word)
	switch {
	case strings.HasSuffix(word, "L") || strings.HasSuffix(word, "R"):
		return true, true
	case strings.HasSuffix(word, "M") || strings.HasSuffix(word, "N"):
		return true, false
	case strings.HasSuffix(lower, "l") || strings.HasSuffix(lower, "le"):
		return true, true
	case strings.HasSuffix(lower, "m") || strings.HasSuffix(lower, "n") || strings.HasSuffix(lower, "k") ||
		strings.HasSuffix(lower, "ng") || strings.HasSuffix(lower, "me") ||
		strings.HasSuffix(lower, "ne"):
		return true, false
	}
	return false, false
}

// capitalize upper-cases the first letter of s, after any Markdown marks.
func capitalize(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
			}
			return s
		}
		if r != '*' && r != '[' {
			return s
		}
	}
	return s
}

// The pools below are paired templates for the parts of a post that read
// the same in both languages: its title, headings, list and captions.
var (
	titles = []pair{
		{"{A} 제대로 이해하기", "Understanding {A} properly"},
		{"{A}에서 {B:으로} 옮긴 이야기", "Moving from {A} to {B}"},
		{"{N2}개월 동안의 {R} 기여 회고", "{N2} months of contributing to {R}"},
		{"{A} 성능을 {N2}배 개선한 방법", "How I made {A} {N2}x faster"},
		{"[{R} Contribution] {A} 정리", "[{R} Contribution] Notes on {A}"},
		{"{A:과} {B}, 무엇이 다를까", "{A} and {B}: what is the difference?"},
		{"{A:이} 느릴 때 확인할 것들", "What to check when {A} is slow"},
		{"{A} 디버깅 기록", "Debugging {A}: a log"},
		{"처음 써 보는 {A}", "First steps with {A}"},
		{"{R} 코드 읽기: {A}", "Reading the {R} code: {A}"},
		{"{Y}년 회고", "{Y} in review"},
		{"{A:으로} {B} 테스트하기", "Testing {B} with {A}"},
		{"{M:을} {P}% 줄인 {A} 튜닝", "Tuning {A} to cut {M} by {P}%"},
	}
	descriptions = []pair{
		{"{A:과} {B:을} 다루면서 배운 것을 정리했다.", "What I learned while working with {A} and {B}."},
		{"{A:이} {J}는 문제를 추적한 기록.", "Notes from tracking down why {A} {J}."},
		{"{R}에 {A} 관련 PR을 올리기까지의 과정.", "How a PR about {A} made it into {R}."},
		{"{M:을} {P}% 줄인 과정을 숫자와 함께 정리했다.", "How {M} went down by {P}%, with the numbers."},
		{"{A:을} 처음 공부하는 사람을 위한 정리.", "An introduction to {A} for people new to it."},
	}
	sections = []pair{
		{"배경", "Background"}, {"문제 상황", "The problem"}, {"원인 분석", "Finding the cause"},
		{"해결 방법", "The fix"}, {"벤치마크 결과", "Benchmark results"}, {"정리", "Wrapping up"},
		{"다음에 할 일", "What's next"}, {"{A} 살펴보기", "A look at {A}"},
		{"{A:과} {B}의 차이", "{A} versus {B}"}, {"새로운 기능", "New features"},
		{"첫 번째 시도: {A}", "First attempt: {A}"}, {"리뷰에서 배운 것", "What the review taught me"},
		{"테스트 작성", "Writing the tests"}, {"설정 파일 구조", "How the config is laid out"},
		{"{R} 기여 과정", "Contributing to {R}"}, {"production 적용기", "Rolling it out to production"},
		{"{M} 측정", "Measuring {M}"}, {"왜 {A}인가", "Why {A}"},
		{"구현 세부 사항", "Implementation details"}, {"회고", "Retrospective"},
	}
	subsections = []pair{
		{"왜 느렸나", "Why it was slow"}, {"재현하기", "Reproducing it"}, {"측정 방법", "How I measured"},
		{"주의할 점", "Caveats"}, {"{A} 수정", "Fixing {A}"}, {"테스트 케이스", "Test cases"},
		{"대안들", "Alternatives"}, {"남은 문제", "Open questions"}, {"코드 읽기", "Reading the code"},
		{"{X} 정리", "Cleaning up {X}"}, {"첫 PR", "The first PR"},
		{"메인테이너의 피드백", "Feedback from the maintainer"},
	}
	steps = []pair{
		{"{A:을} 먼저 재현한다", "Reproduce {A} first"},
		{"{M:을} 측정해서 기준선을 만든다", "Measure {M} to get a baseline"},
		{"{X}에 테스트를 추가한다", "Add a test for {X}"},
		{"{A:을} 작은 PR로 나눈다", "Split {A} into small PRs"},
		{"리뷰 코멘트를 반영한다", "Address the review comments"},
		{"{B}의 문서를 고친다", "Fix the docs of {B}"},
		{"CI가 통과하는지 확인한다", "Make sure CI passes"},
		{"릴리스 노트에 변경 사항을 적는다", "Write the change into the release notes"},
		{"{A:과} {B:을} 따로 배포해 본다", "Deploy {A} and {B} separately"},
		{"{A}의 기본값을 다시 정한다", "Pick a new default for {A}"},
		{"**{A}**부터 로그를 켠다", "Turn on logging for **{A}** first"},
	}
	linkSentences = []pair{
		{"자세한 내용은 {L}에서 볼 수 있다.", "The details are in {L}."},
		{"이 논의는 {L}에서 시작됐다.", "The discussion started in {L}."},
		{"관련 변경은 {L}에 정리되어 있다.", "The related change is described in {L}."},
		{"{L}도 함께 읽어 보면 좋다.", "{L} is worth reading as well."},
	}
	figureSentences = []pair{
		{"아래 그림은 {A}의 흐름을 정리한 것이다.", "The figure below sketches how {A} works."},
		{"{M} 변화를 그래프로 그려 보면 다음과 같다.", "Plotted as a graph, the change in {M} looks like this."},
		{"{A:과} {B}의 관계를 그림으로 그려 봤다.", "I drew how {A} and {B} relate."},
	}
	figureAlts = []pair{
		{"{A} 구조도", "diagram of {A}"}, {"{M} 그래프", "graph of {M}"},
	}
	goPackages = []string{"context", "errors", "net/http", "sync", "testing", "io/fs", "encoding/json", "log/slog"}
)

// tags is the fixed pool of 60 tags every post draws 3 to 6 from: 30 in
// Korean (some with a space, to exercise tag slugs) and 30 in English.
var tags = []string{
	"쿠버네티스", "컴퓨터 구조", "회고", "오픈소스", "운영체제", "네트워크",
	"데이터베이스", "알고리즘", "자료구조", "성능 최적화", "테스트", "리팩터링",
	"코드 리뷰", "동시성", "메모리 관리", "컴파일러", "분산 시스템", "클라우드",
	"보안", "모니터링", "로깅", "배포", "컨테이너", "웹 개발",
	"독서", "커리어", "글쓰기", "개발 환경", "디버깅", "아키텍처",
	"go", "rust", "kubernetes", "open-source", "istio", "docker",
	"linux", "git", "github-actions", "postgres", "redis", "grpc",
	"http", "tokio", "wasm", "ci", "performance", "testing",
	"observability", "prometheus", "helm", "terraform", "aws", "gcp",
	"python", "typescript", "react", "security", "devops", "compiler",
}
