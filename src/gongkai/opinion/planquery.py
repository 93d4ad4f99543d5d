"""Watch-plan expressions (监测方案): grammar, parser, and one automaton for all plans. Pure: no Django.

A plan is four named groups of terms — 地域, 主体, 事件, 排除 — combined as
(地域 AND 主体 AND 事件) NOT 排除 (empty groups left out), or a free expression that may name the
groups as `{地域}`. The expression grammar, loosest binding first:

    expr    := and ( OR and )*
    and     := unary ( [AND] unary )*          juxtaposition is AND; "a NOT b" is a AND (NOT b)
    unary   := NOT unary | near
    near    := primary ( NEAR/n primary )*
    primary := ( expr ) | title:primary | body:primary | "phrase" | {group} | term

Operators are case-insensitive; full-width brackets （）, quotes “” and colons ： are accepted, since
that is what a Chinese keyboard types; 标题: and 正文: are aliases of title: and body:.

NEAR/n: both sides (a term, phrase, group, or an OR of those) occur in the same field, and the number
of characters *between* them in the normalised text (NFKC, Latin lower-case) is at most n; touching or
overlapping hits count as 0. Either order.

Why a hand-written recursive-descent parser: the grammar is ten lines, no maintained Python library
implements this trade's NEAR/n with Chinese terms, and the editor must say *where* an expression is
wrong in Chinese ("第 12 个字符处缺少右括号") — a parser generator's errors would need translating
back anyway.

Matching: the terms of all enabled plans go into ONE Aho–Corasick automaton (pyahocorasick). A post's
title and body are scanned once; each plan that has a hit among its terms is then evaluated on the
hit positions. A plan that could match with no hit at all (only NOT) is refused when parsed, so a post
without hits matches nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import ahocorasick

TITLE, BODY = "title", "body"
BOTH = frozenset((TITLE, BODY))

# The named groups, in the order they combine; the key is the form field and the label the name
# written in expressions.
GROUPS = (("region", "地域"), ("subject", "主体"), ("event", "事件"), ("exclude", "排除"))
GROUP_LABELS = dict(GROUPS)
GROUP_BY_LABEL = {label: key for key, label in GROUPS}

MAX_NEAR = 500
MAX_TERM_LENGTH = 50
_SCOPES = {"title": TITLE, "标题": TITLE, "body": BODY, "正文": BODY}
_OPEN, _CLOSE = "(（", ")）"
_QUOTES = {'"': '"', "“": "”", "「": "」"}
_STOP = set(_OPEN + _CLOSE + "{}" + "".join(_QUOTES) + "".join(_QUOTES.values()))
_GROUP_SPLIT = re.compile(r"[\s,，、;；|]+")


class PlanError(ValueError):
    """A malformed plan: `field` is the form field (expression or a group key), `position` 1-based."""

    def __init__(self, message: str, *, field: str = "expression", position: int | None = None):
        self.message, self.field, self.position = message, field, position
        prefix = f"第 {position} 个字符处：" if position is not None else ""
        super().__init__(prefix + message)


def normalise(text: str) -> str:
    """What terms and texts are compared as: NFKC and lower case (posts are stored NFKC already)."""
    return unicodedata.normalize("NFKC", text).lower()


# --- AST -------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Term:
    text: str
    idx: int = -1  # set by the compiler: the term's number in the shared automaton

    def evaluate(self, hits: Hits, fields: frozenset[str]) -> bool:
        return any(self.idx in hits.fields[f] for f in fields)

    def spans(self, hits: Hits, f: str) -> list[tuple[int, int]]:
        n = len(self.text)
        return [(s, s + n) for s in hits.fields[f].get(self.idx, ())]

    def terms(self) -> Iterable[Term]:
        yield self

    positional = True


@dataclass(eq=False)
class Or:
    children: list

    def evaluate(self, hits, fields):
        return any(c.evaluate(hits, fields) for c in self.children)

    def spans(self, hits, f):
        return [s for c in self.children for s in c.spans(hits, f)]

    def terms(self):
        for c in self.children:
            yield from c.terms()

    @property
    def positional(self):
        return all(c.positional for c in self.children)


@dataclass(eq=False)
class And:
    children: list

    def evaluate(self, hits, fields):
        return all(c.evaluate(hits, fields) for c in self.children)

    def terms(self):
        for c in self.children:
            yield from c.terms()

    positional = False


@dataclass(eq=False)
class Not:
    child: object

    def evaluate(self, hits, fields):
        return not self.child.evaluate(hits, fields)

    def terms(self):
        yield from self.child.terms()

    positional = False


@dataclass(eq=False)
class Near:
    left: object
    right: object
    distance: int

    def evaluate(self, hits, fields):
        n = self.distance
        for f in fields:
            right = self.right.spans(hits, f)
            if not right:
                continue
            for s1, e1 in self.left.spans(hits, f):
                for s2, e2 in right:
                    if max(s2 - e1, s1 - e2, 0) <= n:
                        return True
        return False

    def terms(self):
        yield from self.left.terms()
        yield from self.right.terms()

    positional = False


@dataclass(eq=False)
class Scope:
    fields: frozenset
    child: object

    def evaluate(self, hits, fields):
        return self.child.evaluate(hits, self.fields)

    def spans(self, hits, f):
        return self.child.spans(hits, f) if f in self.fields else []

    def terms(self):
        yield from self.child.terms()

    @property
    def positional(self):
        return self.child.positional


@dataclass
class Hits:
    """Where the automaton found terms in one post: field → term number → start positions."""

    fields: dict[str, dict[int, list[int]]] = field(default_factory=lambda: {TITLE: {}, BODY: {}})


# --- Tokeniser and parser --------------------------------------------------------------------------


@dataclass
class Token:
    kind: str  # term, phrase, group, lparen, rparen, and, or, not, near, scope, end
    value: str
    pos: int  # 0-based offset in the expression as typed
    number: int = 0


def tokenise(expression: str) -> list[Token]:
    tokens, i, n = [], 0, len(expression)
    while i < n:
        ch = expression[i]
        if ch.isspace():
            i += 1
        elif ch in _OPEN:
            tokens.append(Token("lparen", ch, i))
            i += 1
        elif ch in _CLOSE:
            tokens.append(Token("rparen", ch, i))
            i += 1
        elif ch in _QUOTES:
            end = expression.find(_QUOTES[ch], i + 1)
            if end < 0:
                raise PlanError("引号没有闭合", position=i + 1)
            text = expression[i + 1 : end]
            if not text.strip():
                raise PlanError("引号中的短语为空", position=i + 1)
            tokens.append(Token("phrase", text, i))
            i = end + 1
        elif ch == "{":
            end = expression.find("}", i + 1)
            if end < 0:
                raise PlanError("词组名缺少右花括号 }", position=i + 1)
            tokens.append(Token("group", expression[i + 1 : end].strip(), i))
            i = end + 1
        elif ch in _STOP:
            raise PlanError(f"多余的符号“{ch}”", position=i + 1)
        else:
            start = i
            while i < n and not expression[i].isspace() and expression[i] not in _STOP:
                i += 1
            tokens.extend(_word_tokens(expression[start:i], start))
    tokens.append(Token("end", "", n))
    return tokens


def _word_tokens(word: str, pos: int) -> list[Token]:
    upper = word.upper()
    if upper in ("AND", "OR", "NOT"):
        return [Token(upper.lower(), word, pos)]
    if upper.startswith("NEAR"):
        m = re.fullmatch(r"NEAR/(\d+)", upper)
        if not m:
            raise PlanError("NEAR 后应写斜杠和字数，例如 NEAR/10", position=pos + 1)
        number = int(m.group(1))
        if number > MAX_NEAR:
            raise PlanError(f"NEAR 的字数不能超过 {MAX_NEAR}", position=pos + 1)
        return [Token("near", word, pos, number)]
    m = re.match(r"([a-zA-Z\u4e00-\u9fff]+)[:：]", word)
    if m and m.group(1).lower() in _SCOPES:
        scope = Token("scope", _SCOPES[m.group(1).lower()], pos)
        rest = word[m.end() :]
        return [scope] + ([Token("term", rest, pos + m.end())] if rest else [])
    return [Token("term", word, pos)]


class _Parser:
    def __init__(self, expression: str, groups: Mapping[str, list[str]]):
        self.tokens = tokenise(expression)
        self.i = 0
        self.groups = groups

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self):
        if self.peek().kind == "end":
            raise PlanError("表达式为空", position=1)
        node = self.parse_or()
        token = self.peek()
        if token.kind == "rparen":
            raise PlanError("多余的右括号", position=token.pos + 1)
        if token.kind != "end":  # pragma: no cover — every other token starts a unary
            raise PlanError(f"无法理解“{token.value}”", position=token.pos + 1)
        return node

    def parse_or(self):
        children = [self.parse_and()]
        while self.peek().kind == "or":
            self.take()
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(children)

    _STARTS_UNARY = {"term", "phrase", "group", "lparen", "scope", "not"}

    def parse_and(self):
        children = [self.parse_unary()]
        while self.peek().kind == "and" or self.peek().kind in self._STARTS_UNARY:
            if self.peek().kind == "and":
                self.take()
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else And(children)

    def parse_unary(self):
        if self.peek().kind == "not":
            self.take()
            return Not(self.parse_unary())
        return self.parse_near()

    def parse_near(self):
        left = self.parse_primary()
        while self.peek().kind == "near":
            op = self.take()
            if not left.positional:
                raise PlanError(
                    "NEAR 两侧只能是词语、短语、词组或用 OR 连接的词语（左侧不是）", position=op.pos + 1
                )
            right_token = self.peek()
            right = None if right_token.kind == "not" else self.parse_primary()
            if right is None or not right.positional:
                raise PlanError(
                    "NEAR 两侧只能是词语、短语、词组或用 OR 连接的词语（右侧不是）",
                    position=right_token.pos + 1,
                )
            left = Near(left, right, op.number)
        return left

    def parse_primary(self):
        token = self.take()
        kind = token.kind
        if kind == "lparen":
            node = self.parse_or()
            if self.peek().kind != "rparen":
                raise PlanError(
                    f"缺少右括号（与第 {token.pos + 1} 个字符处的左括号配对）", position=self.peek().pos + 1
                )
            self.take()
            return node
        if kind == "scope":
            if self.peek().kind in ("end", "rparen", "and", "or", "near"):
                raise PlanError(
                    f"“{token.value == TITLE and '标题' or '正文'}:”后缺少词语或括号",
                    position=self.peek().pos + 1,
                )
            return Scope(frozenset((token.value,)), self.parse_primary())
        if kind in ("term", "phrase"):
            return Term(_term_text(token.value, token.pos + 1))
        if kind == "group":
            key = GROUP_BY_LABEL.get(token.value)
            if key is None:
                names = "、".join("{" + label + "}" for _k, label in GROUPS)
                raise PlanError(f"没有名为“{token.value}”的词组（可用 {names}）", position=token.pos + 1)
            terms = self.groups.get(key) or []
            if not terms:
                raise PlanError(f"词组“{token.value}”是空的，请先填写该组的词语", position=token.pos + 1)
            return Or([Term(t) for t in terms]) if len(terms) > 1 else Term(terms[0])
        if kind == "end":
            raise PlanError("表达式在此处意外结束，缺少词语", position=token.pos + 1)
        if kind == "rparen":
            raise PlanError("右括号前缺少词语", position=token.pos + 1)
        raise PlanError(f"运算符“{token.value}”前缺少词语", position=token.pos + 1)


def _term_text(raw: str, position: int, *, field: str = "expression") -> str:
    text = normalise(raw)
    if not text.strip():
        raise PlanError("词语为空", field=field, position=position)
    if len(text) > MAX_TERM_LENGTH:
        raise PlanError(f"词语不能超过 {MAX_TERM_LENGTH} 个字", field=field, position=position)
    return text


def parse_group(text: str, key: str) -> list[str]:
    """The terms of one group: separated by spaces, commas, 顿号 or semicolons; quotes are dropped."""
    terms = []
    for m in re.finditer(r"[^\s,，、;；|]+", text or ""):
        word = m.group().strip('"“”「」')
        if word:
            terms.append(_term_text(word, m.start() + 1, field=key))
    return list(dict.fromkeys(terms))


def parse_plan(groups: Mapping[str, str], expression: str = ""):
    """The AST of a plan, or PlanError naming the field and position of the first mistake."""
    terms = {key: parse_group(groups.get(key, ""), key) for key, _label in GROUPS}
    if expression and expression.strip():
        node = _Parser(expression, terms).parse()
    else:
        required = [key for key in ("region", "subject", "event") if terms[key]]
        if not required:
            raise PlanError("请至少填写地域、主体、事件中的一组词语，或填写表达式", field="region")
        parts = [Or([Term(t) for t in terms[key]]) for key in required]
        node = parts[0] if len(parts) == 1 else And(parts)
        if terms["exclude"]:
            node = And([node, Not(Or([Term(t) for t in terms["exclude"]]))])
    if node.evaluate(Hits(), BOTH):
        raise PlanError("表达式至少要求出现一个词语（只有 NOT 会命中所有信息）", position=1)
    return node


# --- Compiler and matcher --------------------------------------------------------------------------


class CompiledPlans:
    """All enabled plans in one automaton. `match(text, title)` → the ids of the plans that match."""

    def __init__(self, plans: Iterable[tuple[int, object]]):
        self.automaton = ahocorasick.Automaton()
        self.terms: list[str] = []
        self.plans: dict[int, object] = {}
        self.plans_of_term: list[list[int]] = []
        self.parts: dict[int, list[frozenset[int]]] = {}
        index: dict[str, int] = {}
        for plan_id, node in plans:
            self.plans[plan_id] = node
            for term in node.terms():
                idx = index.get(term.text)
                if idx is None:
                    idx = index[term.text] = len(self.terms)
                    self.terms.append(term.text)
                    self.plans_of_term.append([])
                    self.automaton.add_word(term.text, idx)
                term.idx = idx
            # Necessary conditions: each part is a set of terms of which one must hit (地域, 主体, 事件
            # of a grouped plan). A plan is looked at only for posts with a hit in its smallest part,
            # and its AST is evaluated only when every part has a hit — cheap set tests first.
            parts = _required_parts(node) or [{term.idx for term in node.terms()}]
            self.parts[plan_id] = [frozenset(p) for p in parts]
            for idx in min(parts, key=len):
                self.plans_of_term[idx].append(plan_id)
        if self.terms:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.plans)

    def hits(self, text: str, title: str = "") -> Hits:
        hits = Hits()
        if not self.terms:
            return hits
        terms = self.terms
        for f, value in ((TITLE, title), (BODY, text)):
            if not value:
                continue
            found = hits.fields[f]
            for end, idx in self.automaton.iter(normalise(value)):
                found.setdefault(idx, []).append(end - len(terms[idx]) + 1)
        return hits

    def match(self, text: str, title: str = "") -> set[int]:
        hits = self.hits(text, title)
        found = hits.fields[TITLE].keys() | hits.fields[BODY].keys()
        plans_of_term, parts, plans = self.plans_of_term, self.parts, self.plans
        candidates = {p for idx in found for p in plans_of_term[idx]}
        return {
            p
            for p in candidates
            if all(not part.isdisjoint(found) for part in parts[p]) and plans[p].evaluate(hits, BOTH)
        }


def _required(node) -> set[int] | None:
    """Terms of which at least one must hit for `node` to be true, or None if that cannot be said."""
    if isinstance(node, Term):
        return {node.idx}
    if isinstance(node, Scope):
        return _required(node.child)
    if isinstance(node, Or):
        parts = [_required(c) for c in node.children]
        return None if any(p is None for p in parts) else set().union(*parts)
    parts = _required_parts(node)
    return min(parts, key=len) if parts else None


def _required_parts(node) -> list[set[int]]:
    """Sets of terms that must each have a hit for `node` to be true (AND of ORs); [] if none known."""
    if isinstance(node, And):
        return [p for c in node.children for p in _required_parts(c)]
    if isinstance(node, Near):
        return _required_parts(node.left) + _required_parts(node.right)
    if isinstance(node, Not):
        return []
    one = _required(node)
    return [one] if one is not None else []


def compile_plans(plans: Iterable[tuple[int, Mapping[str, str], str]]) -> CompiledPlans:
    """Compile `(plan_id, groups, expression)` triples; a plan that no longer parses is skipped."""
    nodes = []
    for plan_id, groups, expression in plans:
        try:
            nodes.append((plan_id, parse_plan(groups, expression)))
        except PlanError:
            continue
    return CompiledPlans(nodes)


def match(compiled: CompiledPlans, text: str, title: str = "") -> set[int]:
    return compiled.match(text, title)
