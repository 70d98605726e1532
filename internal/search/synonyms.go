package search

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Korean developers write many English terms both ways: "Kubernetes" and
// "쿠버네티스", "React" and "리액트", "컨테이너" and "container". A post
// uses one spelling, a reader types the other. Synonyms are applied when
// a query is read, not when posts are indexed: the index does not grow,
// and a site can add its own groups (search.synonyms in blog.yaml)
// without rebuilding anything but the small manifest that carries them.
// search.js tries every other spelling of a query word as a rewrite,
// ranked below posts that match the word as typed.
//
// The built-in groups are terms of programming: languages, frameworks,
// tools, clouds, companies and the common words of computing, each with
// the Hangul spelling Korean posts use for it (and, where the Korean
// word is as common as the loan, the native word: 오류 beside 에러).
// A spelling is in one group only, so that groups never merge by
// accident; a spelling that is also an everyday Korean word with another
// meaning (뷰 for Vue is also "view", 바이트 for Vite is "byte") is left
// out. Compounds are written as the index keeps them ("next.js",
// "open-source").
const builtinSynonyms = `
go golang 고랭
rust 러스트
python 파이썬
java 자바
javascript 자바스크립트
typescript 타입스크립트
kotlin 코틀린
swift 스위프트
ruby 루비
php 피에이치피
perl 펄
scala 스칼라
haskell 하스켈
elixir 엘릭서
erlang 얼랭
lisp 리스프
lua 루아
dart 다트
julia 줄리아
fortran 포트란
cobol 코볼
assembly 어셈블리
solidity 솔리디티
zig 지그
webassembly 웹어셈블리 웹어셈
wasm 와즘
html 에이치티엠엘
css 씨에스에스
sql 에스큐엘
graphql 그래프큐엘
bash 배시
shell 셸 쉘
powershell 파워셸 파워쉘
react 리액트
angular 앵귤러
svelte 스벨트
next.js 넥스트
nuxt 넉스트
jquery 제이쿼리
redux 리덕스
webpack 웹팩
babel 바벨
eslint 이에스린트
prettier 프리티어
tailwind 테일윈드
bootstrap 부트스트랩
storybook 스토리북
jest 제스트
cypress 사이프러스
playwright 플레이라이트
puppeteer 퍼페티어
node 노드
node.js 노드제이에스
deno 디노
npm 엔피엠
yarn 얀
pnpm 피엔피엠
electron 일렉트론
flutter 플러터
android 안드로이드
ios 아이오에스
xcode 엑스코드
spring 스프링
django 장고
flask 플라스크
fastapi 패스트에이피아이
rails 레일즈
laravel 라라벨
express 익스프레스
nest.js 네스트
echo 에코
fiber 파이버
actix 액틱스
tokio 토키오
axum 액섬
hibernate 하이버네이트
jpa 제이피에이
grpc 지알피씨
protobuf 프로토버프
rest 레스트
restful 레스트풀
websocket 웹소켓
oauth 오어스
jwt 제이더블유티
json 제이슨
yaml 야믈 야멜
xml 엑스엠엘
toml 토믈
markdown 마크다운
mysql 마이에스큐엘
postgresql 포스트그레스큐엘 포스트그레스
sqlite 에스큐엘라이트
mongodb 몽고디비 몽고
redis 레디스
memcached 멤캐시드
cassandra 카산드라
elasticsearch 엘라스틱서치
opensearch 오픈서치
kafka 카프카
rabbitmq 래빗엠큐
spark 스파크
hadoop 하둡
hive 하이브
flink 플링크
airflow 에어플로
snowflake 스노우플레이크
bigquery 빅쿼리
dynamodb 다이나모디비
oracle 오라클
mariadb 마리아디비
clickhouse 클릭하우스
pandas 판다스
numpy 넘파이
jupyter 주피터
tensorflow 텐서플로
pytorch 파이토치
keras 케라스
kubernetes 쿠버네티스 쿠베 k8s
docker 도커
container 컨테이너
containers 컨테이너들
pod 파드 포드
helm 헬름
istio 이스티오
envoy 엔보이
linkerd 링커디
prometheus 프로메테우스
grafana 그라파나
loki 로키
jaeger 예거
opentelemetry 오픈텔레메트리
terraform 테라폼
ansible 앤서블
pulumi 풀루미
vagrant 베이그런트
jenkins 젠킨스
argocd 아르고시디 아르고
gitlab 깃랩
github 깃허브 깃헙
git 깃
bitbucket 비트버킷
nginx 엔진엑스
apache 아파치
tomcat 톰캣
haproxy 에이치에이프록시
traefik 트래픽
consul 콘술
vault 볼트
etcd 이티시디
containerd 컨테이너디
podman 포드맨
minikube 미니큐브
kind 카인드
kubectl 큐브컨트롤 쿠베컨트롤
kubelet 큐블릿 쿠블릿
operator 오퍼레이터
crd 씨알디
ingress 인그레스
gateway 게이트웨이
proxy 프록시
sidecar 사이드카
mesh 메시
linux 리눅스
ubuntu 우분투
debian 데비안
centos 센토스
fedora 페도라
windows 윈도우 윈도
macos 맥오에스
unix 유닉스
vim 빔
neovim 네오빔
emacs 이맥스
vscode 브이에스코드
intellij 인텔리제이
eclipse 이클립스
gradle 그레이들 그래들
maven 메이븐
cargo 카고
webhook 웹훅
cron 크론
systemd 시스템디
aws 에이더블유에스
amazon 아마존
azure 애저
gcp 지씨피
google 구글
microsoft 마이크로소프트
apple 애플
meta 메타
facebook 페이스북
netflix 넷플릭스
uber 우버
airbnb 에어비앤비
naver 네이버
kakao 카카오
line 라인
coupang 쿠팡
toss 토스
baemin 배민
samsung 삼성
lg 엘지
nvidia 엔비디아
intel 인텔
amd 에이엠디
openai 오픈에이아이
anthropic 앤트로픽
cloudflare 클라우드플레어
vercel 버셀
netlify 네틀리파이
heroku 헤로쿠
firebase 파이어베이스
supabase 수파베이스
lambda 람다
ec2 이씨투
s3 에스쓰리
cloudfront 클라우드프론트
cloud 클라우드
serverless 서버리스
database 데이터베이스 디비
data 데이터
server 서버
client 클라이언트
browser 브라우저
network 네트워크
protocol 프로토콜
http 에이치티티피
https 에이치티티피에스
tcp 티씨피
udp 유디피
dns 디엔에스
api 에이피아이
sdk 에스디케이
cli 씨엘아이
gui 지유아이
framework 프레임워크
library 라이브러리
package 패키지
module 모듈
plugin 플러그인
component 컴포넌트
interface 인터페이스
class 클래스
object 오브젝트 객체
function 함수 펑션
method 메서드 메소드
variable 변수
array 배열 어레이
list 리스트
map 맵
hash 해시
queue 큐
stack 스택
tree 트리
graph 그래프
algorithm 알고리즘
pointer 포인터
thread 스레드 쓰레드
process 프로세스
memory 메모리
cache 캐시
buffer 버퍼
stream 스트림
pipeline 파이프라인
channel 채널
goroutine 고루틴
coroutine 코루틴
async 어싱크 비동기
await 어웨이트
promise 프로미스
callback 콜백
closure 클로저
generic 제네릭
generics 제네릭스
trait 트레이트
macro 매크로
compiler 컴파일러
compile 컴파일
interpreter 인터프리터
runtime 런타임
binary 바이너리
debug 디버그 디버깅
debugger 디버거
test 테스트
testing 테스팅
benchmark 벤치마크
profiling 프로파일링
refactoring 리팩터링 리팩토링
deploy 배포 디플로이
deployment 디플로이먼트
release 릴리스 릴리즈
build 빌드
commit 커밋
branch 브랜치
merge 머지 병합
rebase 리베이스
push 푸시
fork 포크
repository 리포지토리 레포지토리 저장소 레포
issue 이슈
review 리뷰
contribution 기여 컨트리뷰션
contributor 기여자 컨트리뷰터
maintainer 메인테이너
community 커뮤니티
open-source opensource 오픈소스
license 라이선스 라이센스
documentation 문서 도큐먼트
tutorial 튜토리얼
error 에러 오류
exception 예외 익셉션
panic 패닉
log 로그
logging 로깅
monitoring 모니터링
observability 관찰가능성 옵저버빌리티
metric 메트릭 지표
tracing 트레이싱
alert 알림 얼럿
security 보안 시큐리티
authentication 인증
authorization 인가
encryption 암호화
certificate 인증서
token 토큰
session 세션
cookie 쿠키
password 비밀번호 패스워드
performance 성능 퍼포먼스
latency 지연 레이턴시
throughput 처리량 스루풋
scalability 확장성
availability 가용성
load 부하 로드
balancer 밸런서
cluster 클러스터
replica 레플리카 복제본
shard 샤드
partition 파티션
index 인덱스 색인
query 쿼리 질의
transaction 트랜잭션
schema 스키마
migration 마이그레이션
backup 백업
storage 스토리지
volume 볼륨
file 파일
directory 디렉터리 디렉토리
config 설정 컨피그
configuration 구성
environment 환경
secret 시크릿
namespace 네임스페이스
service 서비스
microservice 마이크로서비스
monolith 모놀리스
architecture 아키텍처
design 디자인 설계
pattern 패턴
frontend 프론트엔드 프런트엔드
backend 백엔드
fullstack 풀스택
devops 데브옵스
sre 에스알이
infrastructure 인프라
platform 플랫폼
probe 프로브
liveness 라이브니스
readiness 레디니스
health 헬스
healthcheck 헬스체크
restart 재시작 리스타트
scheduler 스케줄러
controller 컨트롤러
reconcile 리컨사일
manifest 매니페스트
image 이미지
registry 레지스트리
virtual 가상
machine 머신
vm 가상머신
kernel 커널
driver 드라이버
terminal 터미널
command 명령어 커맨드
script 스크립트
regex 정규식 정규표현식
unicode 유니코드
encoding 인코딩
search 검색 서치
blog 블로그
post 포스트
static 정적 스태틱
site 사이트
web 웹
website 웹사이트
app 앱
application 애플리케이션 어플리케이션
mobile 모바일
ai 인공지능 에이아이
llm 엘엘엠
gpt 지피티
chatgpt 챗지피티
claude 클로드
copilot 코파일럿
model 모델
machine-learning 머신러닝 기계학습
deep-learning 딥러닝
neural 신경망
agent 에이전트
prompt 프롬프트
embedding 임베딩
vector 벡터
meeting 미팅 회의
weekly 위클리 주간
onboarding 온보딩
mentoring 멘토링
conference 콘퍼런스 컨퍼런스
meetup 밋업
hackathon 해커톤
startup 스타트업
interview 인터뷰 면접
resume 이력서
career 커리어 경력`

// Synonyms returns the groups of spellings search.js treats as one word:
// the built-in ones and a site's, in NFC and lower case. A site's group
// that shares a spelling with another group joins it. Each group keeps
// the order its spellings were first given in, and groups keep the
// order of their first spelling.
func Synonyms(site [][]string) [][]string {
	var groups [][]string
	for _, l := range strings.Split(strings.TrimSpace(builtinSynonyms), "\n") {
		groups = append(groups, strings.Fields(l))
	}
	for _, g := range site {
		var clean []string
		for _, w := range g {
			if w = strings.ToLower(norm.NFC.String(strings.TrimSpace(w))); w != "" {
				clean = append(clean, w)
			}
		}
		groups = append(groups, clean)
	}
	// Join groups that share a spelling, first group first.
	owner := map[string]int{}
	var out [][]string
	for _, g := range groups {
		into := -1
		for _, w := range g {
			if i, ok := owner[w]; ok {
				if into < 0 {
					into = i
				} else if i != into {
					// w joins two groups: move i's spellings into into.
					for _, v := range out[i] {
						owner[v] = into
						if !slices.Contains(out[into], v) {
							out[into] = append(out[into], v)
						}
					}
					out[i] = nil
				}
			}
		}
		if into < 0 {
			into = len(out)
			out = append(out, nil)
		}
		for _, w := range g {
			if !slices.Contains(out[into], w) {
				out[into] = append(out[into], w)
			}
			owner[w] = into
		}
	}
	out = slices.DeleteFunc(out, func(g []string) bool { return len(g) < 2 })
	return out
}
