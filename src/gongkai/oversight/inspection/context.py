"""What one inspection run sees of a site: its hosts and agencies, the time, the served pages (by a
crawl), the catalog's columns (through the registry) and the domains' metrics.

The crawl asks for the site's pages as a citizen's browser would, with the site's host name:
in process through Django's request handler (the same middleware and page cache as a real request),
or, with `base_url`, over HTTP from the deployed server (what nginx serves). It starts at the home
page and the columns' lists and follows the links it finds on the site's own pages, bounded by
`GONGKAI_INSPECTION_MAX_PAGES`. It keeps no page bodies: each page is parsed once while it is in
hand (links, hidden links, foreign scripts and frames, forbidden words, the responsible agency) and
only those small observations remain, so memory does not grow with the pages' size.

External links are fetched only where `GONGKAI_INSPECTION_OUTBOUND` is True; otherwise they are
listed as 未检查 (not checked) in the inspection's summary.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test.client import ClientHandler, RequestFactory
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from gongkai.common import registry

# The query parameters a crawled link may carry and still be followed are GONGKAI_INSPECTION_QUERY_PARAMS
# (pagination and the column of a list); lists filtered any other way show the same pages again, so such
# links are counted, not fetched.
WORDS_FILE = Path(__file__).with_name("data") / "forbidden_words.txt"
TIMEOUT = 15  # seconds: the indicator's "fails to load within 15 s"
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
MAX_LISTED = 200  # links listed by name in a summary or finding detail
HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|"
    r"(?:left|top|text-indent|margin-left)\s*:\s*-\s*\d{3,}|opacity\s*:\s*0(?![.\d]*[1-9])|"
    r"(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Fetched:
    status: int  # 0: no answer (refused, timed out, malformed)
    ms: float
    content_type: str = ""
    body: bytes = b""
    location: str = ""  # of a redirect
    error: str = ""


@dataclass(frozen=True)
class Observation:
    """Something seen on a served page, kept after the page's body is gone."""

    kind: str  # "hidden_link", "foreign_script", "foreign_iframe", "forbidden_word"
    path: str
    agency_id: int | None
    detail: str


@dataclass
class Crawl:
    pages: int = 0  # pages fetched (of the site)
    links: int = 0  # link occurrences examined on the crawled pages
    status: dict[str, int] = field(default_factory=dict)  # path -> status of every fetched path
    slow: dict[str, float] = field(default_factory=dict)  # path -> ms, pages over TIMEOUT seconds
    first_referrer: dict[str, tuple[str, int | None]] = field(
        default_factory=dict
    )  # target -> (page, agency)
    referrers: Counter = field(default_factory=Counter)  # broken target -> pages linking to it
    external: Counter = field(default_factory=Counter)  # external URL -> occurrences
    external_referrer: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    external_status: dict[str, int] = field(default_factory=dict)  # only when outbound is allowed
    observations: list[Observation] = field(default_factory=list)
    not_followed: int = 0  # links with other query parameters (filtered lists)
    truncated: bool = False  # stopped at the page limit
    total_ms: float = 0.0
    seconds: float = 0.0

    def broken(self) -> Iterator[tuple[str, int]]:
        """(path, status) of every internal target that failed: status ≥ 400 or no answer."""
        for path, status in self.status.items():
            if status == 0 or status >= 400:
                yield path, status


def _positive_int(name: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ImproperlyConfigured(f"设置 {name} 应为正整数，现为 {value!r}")
    return value


def load_words(path: Path | str | None = None) -> list[str]:
    """The forbidden phrases: one a line, `#` starts a comment, blank lines ignored."""
    path = Path(path or settings.GONGKAI_INSPECTION_WORDS_FILE or WORDS_FILE)
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return words


class InspectionContext:
    def __init__(self, site, now: datetime | None = None, base_url: str | None = None) -> None:
        self.site = site
        self.now = now or timezone.now()
        self.base_url = (base_url or "").rstrip("/")
        self.hosts = site_hosts(site)
        self.host = self.hosts[0]
        self.max_pages = _positive_int("GONGKAI_INSPECTION_MAX_PAGES", settings.GONGKAI_INSPECTION_MAX_PAGES)
        self.outbound = bool(settings.GONGKAI_INSPECTION_OUTBOUND)
        self.query_params = frozenset(settings.GONGKAI_INSPECTION_QUERY_PARAMS)
        self.crawl_started: datetime | None = None
        self.notes: dict = {}  # what checks want in the inspection's summary, by check code
        self._handler: ClientHandler | None = None
        self._crawl: Crawl | None = None

    # ------------------------------------------------------------------ the site

    @cached_property
    def agency_ids(self) -> list[int] | None:
        return self.site.agency_ids()

    @cached_property
    def agency_by_name(self) -> dict[str, int]:
        """Full and short names of the site's agencies -> id (ContentSource of a page names its agency)."""
        from gongkai.agencies.models import Agency

        qs = (
            Agency.objects.all() if self.agency_ids is None else Agency.objects.filter(pk__in=self.agency_ids)
        )
        out: dict[str, int] = {}
        for pk, name, short in qs.values_list("pk", "name", "short_name"):
            out[name] = pk
            if short:
                out.setdefault(short, pk)
        return out

    @cached_property
    def columns(self) -> list[registry.ColumnActivity]:
        return registry.column_activity(self.site)

    def metric(self, code: str, start, end) -> dict | None:
        """The metric's figures for the site's agencies, or None when no domain registers it."""
        metric = registry.metrics().get(code)
        if metric is None:
            return None
        return metric.fn(start, end, self.agency_ids)

    def records_url(self, code: str, start, end, agency_ids=None) -> str:
        metric = registry.metrics().get(code)
        if metric is None or metric.records is None:
            return ""
        return metric.records(start, end, agency_ids if agency_ids is not None else self.agency_ids) or ""

    # ------------------------------------------------------------------ fetching

    def fetch(self, path: str) -> Fetched:
        """One GET of a site-relative path (with query), as an anonymous visitor."""
        started = time.perf_counter()
        try:
            if self.base_url:
                result = self._fetch_http(path)
            else:
                result = self._fetch_in_process(path)
        except Exception as exc:
            result = Fetched(0, 0.0, error=f"{type(exc).__name__}: {exc}"[:300])
        ms = (time.perf_counter() - started) * 1000
        return Fetched(result.status, ms, result.content_type, result.body, result.location, result.error)

    def _fetch_in_process(self, path: str) -> Fetched:
        if self._handler is None:
            self._handler = ClientHandler(enforce_csrf_checks=True)
        split = urlsplit(path)
        environ = RequestFactory()._base_environ(
            PATH_INFO=split.path,
            QUERY_STRING=split.query,
            REQUEST_METHOD="GET",
            HTTP_HOST=self.host,
            SERVER_NAME=self.host,
            SERVER_PORT="443",
            HTTP_USER_AGENT="gongkai-inspection",
        )
        environ["wsgi.url_scheme"] = "https"
        response = self._handler(environ)
        try:
            content_type = response.get("Content-Type", "")
            if response.streaming:
                body = b"".join(response.streaming_content) if content_type.startswith("text/html") else b""
            else:
                body = response.content if content_type.startswith("text/html") else b""
            return Fetched(response.status_code, 0.0, content_type, body, response.get("Location", ""))
        finally:
            if response.streaming:
                response.close()

    def _fetch_http(self, path: str) -> Fetched:
        request = urllib.request.Request(
            self.base_url + path, headers={"Host": self.host, "User-Agent": "gongkai-inspection"}
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                content_type = response.headers.get("Content-Type", "")
                body = response.read() if content_type.startswith("text/html") else b""
                return Fetched(response.status, 0.0, content_type, body)
        except urllib.error.HTTPError as exc:
            return Fetched(
                exc.code, 0.0, exc.headers.get("Content-Type", ""), b"", exc.headers.get("Location", "")
            )
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return Fetched(0, 0.0, error=str(getattr(exc, "reason", exc))[:300])

    # ------------------------------------------------------------------ the crawl

    def internal_path(self, href: str, base: str) -> str | None:
        """The site-relative path (with a normalised query) of a link on page `base`, or None when
        the link leaves the site. Raises ValueError for a link that is no URL at all."""
        url = urlsplit(urljoin(f"https://{self.host}{base}", href.strip()))
        if url.scheme not in ("http", "https") or (url.hostname or "") not in self.hosts:
            return None
        path = url.path or "/"
        if url.query:
            pairs = sorted(parse_qsl(url.query, keep_blank_values=False))
            return f"{path}?{urlencode(pairs)}" if pairs else path
        return path

    def follows(self, path: str) -> bool:
        query = urlsplit(path).query
        return not query or all(key in self.query_params for key, _v in parse_qsl(query))

    @property
    def crawl(self) -> Crawl:
        if self._crawl is None:
            self._crawl = self._run_crawl()
        return self._crawl

    def _seeds(self) -> list[str]:
        seeds = ["/"]
        for column in self.columns:
            if column.url and column.url not in seeds:
                seeds.append(column.url)
        return seeds

    def _run_crawl(self) -> Crawl:
        crawl = Crawl()
        self.crawl_started = timezone.now()
        began = time.perf_counter()
        analyser = PageAnalyser(self)
        queue: deque[str] = deque()
        seen: set[str] = set()
        for seed in self._seeds():
            seen.add(seed)
            queue.append(seed)
        while queue:
            if crawl.pages >= self.max_pages:
                crawl.truncated = True
                break
            path = queue.popleft()
            fetched = self.fetch(path)
            crawl.pages += 1
            crawl.total_ms += fetched.ms
            crawl.status[path] = fetched.status
            if fetched.ms > TIMEOUT * 1000:
                crawl.slow[path] = round(fetched.ms)
            if fetched.location and 300 <= fetched.status < 400:
                target = self._target(fetched.location, path)
                if target and target not in seen and self.follows(target):
                    seen.add(target)
                    crawl.first_referrer.setdefault(target, (path, None))
                    queue.append(target)
                continue
            if not fetched.body:
                continue
            page = analyser.analyse(path, fetched.body)
            if page is None:
                continue
            for obs in page.observations:
                crawl.observations.append(obs)
            for href in page.links:
                crawl.links += 1
                target = self._target(href, path)
                if target is None:
                    external = _external(href, path, self.host)
                    if external:
                        crawl.external[external] += 1
                        crawl.external_referrer.setdefault(external, (path, page.agency_id))
                    continue
                if target in seen:
                    status = crawl.status.get(target)
                    if status is not None and (status == 0 or status >= 400):
                        crawl.referrers[target] += 1
                    elif status is None:
                        crawl.referrers[target] += 1  # counted now, kept only if it turns out broken
                    continue
                if not self.follows(target):
                    crawl.not_followed += 1
                    continue
                seen.add(target)
                crawl.first_referrer[target] = (path, page.agency_id)
                crawl.referrers[target] += 1
                queue.append(target)
            # keep the referrer counts of broken targets only: memory stays with the problems
            if len(crawl.referrers) > 50_000:
                _prune(crawl)
        _prune(crawl)
        if self.outbound and crawl.external:
            self._check_external(crawl)
        crawl.seconds = time.perf_counter() - began
        return crawl

    def _target(self, href: str, base: str) -> str | None:
        if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
            return None
        try:
            return self.internal_path(href, base)
        except ValueError:
            return None

    def _check_external(self, crawl: Crawl) -> None:
        def probe(url: str) -> tuple[str, int]:
            request = urllib.request.Request(url, headers={"User-Agent": "gongkai-inspection"}, method="GET")
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    return url, response.status
            except urllib.error.HTTPError as exc:
                return url, exc.code
            except (urllib.error.URLError, OSError, ValueError):
                return url, 0

        with ThreadPoolExecutor(max_workers=8) as pool:
            for url, status in pool.map(probe, list(crawl.external)):
                crawl.external_status[url] = status


def _prune(crawl: Crawl) -> None:
    """Forget referrer counts and first referrers of targets that answered well."""
    for target in list(crawl.referrers):
        status = crawl.status.get(target)
        if status is not None and 0 < status < 400:
            del crawl.referrers[target]
            crawl.first_referrer.pop(target, None)


def _external(href: str, base: str, host: str) -> str:
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return ""
    try:
        url = urlsplit(urljoin(f"https://{host}{base}", href.strip()))
    except ValueError:
        return ""
    if url.scheme not in ("http", "https") or not url.hostname:
        return ""
    return url._replace(fragment="").geturl()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def site_hosts(site) -> list[str]:
    """The host names a site answers: its own, and for the default site the installation's hosts."""
    hosts = list(site.hosts.values_list("host", flat=True)) if site.pk else []
    if site.is_default:
        for host in settings.GONGKAI_ALLOWED_HOSTS:
            host = host.lstrip(".").lower()
            if host and host not in hosts and "*" not in host:
                hosts.append(host)
    if not hosts:
        raise ImproperlyConfigured(f"网站「{site.name}」没有设置域名，无法检查")
    return hosts


@dataclass
class AnalysedPage:
    links: list[str]
    agency_id: int | None
    observations: list[Observation]


class PageAnalyser:
    """Reads one served HTML page: its links, its agency, and injected content."""

    def __init__(self, ctx: InspectionContext) -> None:
        self.ctx = ctx
        words = load_words()
        self.words = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def analyse(self, path: str, body: bytes) -> AnalysedPage | None:
        try:
            root = lxml_html.document_fromstring(body)
        except (etree.ParserError, ValueError):
            return None
        ctx = self.ctx
        source = root.xpath('string(//meta[@name="ContentSource"]/@content)').strip()
        agency_id = ctx.agency_by_name.get(source) if source else None
        if agency_id is None:
            agency_id = ctx.site.agency_id
        links = [a for a in root.xpath("//a/@href")]
        observations: list[Observation] = []
        for element in root.xpath("//*[@style]"):
            if not HIDDEN_STYLE.search(element.get("style", "")):
                continue
            anchors = [element] if element.tag == "a" else element.xpath(".//a[@href]")
            for anchor in anchors:
                text = (anchor.text_content() or "").strip()[:60]
                observations.append(
                    Observation(
                        "hidden_link", path, agency_id, f"{anchor.get('href', '')[:300]} {text}".strip()
                    )
                )
        for src in root.xpath("//script/@src"):
            if self._foreign(src, path):
                observations.append(Observation("foreign_script", path, agency_id, src[:300]))
        for src in root.xpath("//iframe/@src | //frame/@src"):
            if self._foreign(src, path):
                observations.append(Observation("foreign_iframe", path, agency_id, src[:300]))
        if self.words is not None:
            text = body.decode("utf-8", errors="replace")
            found = sorted(set(self.words.findall(text)))
            if found:
                observations.append(Observation("forbidden_word", path, agency_id, "、".join(found)[:300]))
        return AnalysedPage(links, agency_id, observations)

    def _foreign(self, src: str, path: str) -> bool:
        try:
            url = urlsplit(urljoin(f"https://{self.ctx.host}{path}", src.strip()))
        except ValueError:
            return True
        return bool(url.hostname) and url.hostname not in self.ctx.hosts
