"""Offers of help in a message body: "happy to refer you", "send me your CV".

A contact who offered help gets a warmer opener than a cold one, so the messages reader notes
when each person last offered help in a 1:1 message to the owner (``imports/linkedin/messages.py``).
``OFFER_FILTER`` is what the readers keep of the bodies while they read a messages.csv: RE2
(pyarrow's engine) runs it over every body, and only the few that match are kept, as text, for
``offers_help`` to read. No other part of a body is kept.
"""

from __future__ import annotations

import html
import re
from functools import cache

# A contact who wrote "happy to refer you" or "send me your CV" gets a warmer opener than a
# cold one, so the reader notes when each person last offered help in a 1:1 message to the
# owner. Only their own messages count: the owner's "could you refer me?" is nobody's offer.
#
# STRONG offers name a referral (refer you, put in a word, use my name, a referral made) and
# always count. WEAK ones (happy to help, let me know if I can help, I can introduce you, send
# me your resume) count unless the message reads as a recruiter's pitch ("we have several PM
# roles, interested? Send me your CV" is sourcing, not a favour). A recruiter never "refers"
# anyone, so a friend's "we're hiring, happy to refer you" still counts. When unsure the rule
# says no: a cold opener is safe, "you offered to refer me" to someone who did not is not.
# "Happy to help!" after a favour counts: they have shown they will.
#
# Patterns are written once, lowercase, with " " for a run of spaces and "'" for an
# apostrophe, in the syntax Python's re and RE2 (pyarrow's engine) share. RE2 runs them over
# every message in C++ as a filter (spaces there may also be tags or entities: HTML-ish
# bodies); Python then reads the few that pass: only the new text (no quoted earlier
# messages), tags and entities undone, and the checks RE2 cannot make (a negation before,
# "help me" after).
_MODAL = r"(?:i|we)(?: (?:can|could|will|would|shall|might|may)|'ll|'d)(?: (?:definitely|certainly|gladly|happily|also|totally|absolutely|def|surely|easily|probably|still|even|always))*"
_WILLING_WORDS = "more than happy|happy|glad|willing|delighted|pleased"
_WILLING = f"(?:{_WILLING_WORDS})"
_ASKING = r"(?:(?:want|like) me to|let me|(?:shall|should|can|may) i)"


def _offered(actions: str) -> str:
    """``actions`` after "I can", "I'd be happy to", "happy to", "want me to", "let me"..."""
    return (rf"\b{_MODAL}(?: be (?:{_WILLING_WORDS}|able) to)? (?:{actions})"
            rf"|\b{_WILLING} to (?:{actions})|\b{_ASKING} (?:{actions})")


_STRONG_EN = "|".join([
    _offered(r"refer (?:you|u)\b|recommend (?:you|u)\b|put in a (?:good )?word|put (?:you|your name) forward"
             r"|(?:submit|give you|send you|make|write you) a referral"),
    r"\b(?:feel free to|you can|you may|you could|please|go ahead and|happy for you to) (?:use|mention|drop) my name",
    r"\btell (?:them|him|her|the recruiter|the hiring manager) (?:that )?i (?:sent|referred) you",
    # a referral already made: "I've referred you", "Just submitted the referral"
    r"\b(?:i|we)(?: have|'ve)?(?: just| already)? (?:referred|recommended) you\b",
    r"\b(?:submitted|sent|put in|made) (?:the|a|your|my) referral|\bmy referral link",
])
_WEAK_EN = "|".join([
    _offered(r"help\b|introduce (?:you|u)\b|intro (?:you|u)\b|connect (?:you|u)\b"
             r"|ask around\b|keep (?:an|my) eyes? (?:out|open)\b|(?:pass|put) your name (?:along|on)\b"
             r"|(?:pass|forward|share|send) (?:along |on )?your (?:resume|résumé|cv|profile|name|details)"
             r"|(?:look at|review|take a look at|have a look at) your (?:resume|résumé|cv)"),
    r"\b(?:if|how) (?:i|we) (?:can|could|might) (?:help|be of (?:any )?(?:help|use|assistance)|assist|support)",
    r"\banything (?:else )?(?:i|we) can (?:do|help)",
    r"\b(?:send|forward|email|e-mail|shoot|share|drop)(?: (?:me|over|along|across|it over))? (?:your|ur)"
    r" (?:updated |latest |current )?(?:resume|résumé|cv)",
])
# The common ways of saying it in German, French, Spanish, Portuguese and Dutch. "Recommend"
# is left out where it as often means "recommend to you" (recomendarte; "indicar" only with "para a vaga").
_STRONG_OTHER = "|".join([
    r"\bich (?:kann|könnte|würde|werde|möchte) (?:dich|sie|euch) (?:(?:gerne?|sehr|auch|intern) )*(?:weiter)?empfehlen",
    r"\bempfehle (?:dich|sie) gerne?|\bgerne? (?:weiter)?empfehle ich (?:dich|sie)",
    r"\bein gutes wort (?:für (?:dich|sie) )?einlegen",
    r"\b(?:je (?:peux|pourrais|vais|veux bien)|volontiers|plaisir de|ravie? de|heureux de|heureuse de)"
    r" (?:te|vous) (?:recommander|coopter)|\b(?:te|vous) coopter\b",
    r"\b(?:puedo|podría|podria|encantad[oa] de|con gusto|feliz de) referirte\b|\bte (?:puedo|podría|podria) referir\b"
    r"|\bte refiero\b|\bquieres que te refiera\b",
    r"\b(?:posso|poderia|consigo|quer que eu|te|lhe) (?:te |lhe )?(?:indicar|indico|indique)(?: (?:você|voce))?"
    r" (?:para|pra) (?:a |essa |esta |uma )?(?:vaga|posição|posicao|oportunidade)",
    r"\bik (?:kan|wil|zou) (?:je|jou|u) (?:(?:graag|wel|intern|best) )*(?:aanbevelen|doorverwijzen|voordragen)",
])
_WEAK_OTHER = "|".join([
    r"\bhelfe (?:dir|ihnen|euch) gerne?|\bgerne? helfe ich|\bwenn ich (?:dir |ihnen |euch )?(?:irgendwie |gerne? )?helfen kann"
    r"|\bich (?:kann|könnte) (?:dir|ihnen|euch) (?:gerne? )?helfen",
    r"\bschick(?:e|en|t)?(?: sie)?(?: mir)?(?: gerne?)? (?:deinen|ihren|euren) lebenslauf",
    r"\b(?:je (?:peux|pourrais|vais)|ravie? de|heureux de|heureuse de) (?:te|vous) (?:présenter|mettre en (?:contact|relation))",
    r"\b(?:si|comment) je (?:peux|pourrais) (?:t'|vous )aider|\bje (?:peux|pourrais) (?:t'|vous )aider"
    r"|\b(?:ravie?|heureux|heureuse) de (?:t'|vous )aider",
    r"\b(?:envoie|envoies|envoyez)(?:-| )moi (?:ton|votre) cv|\btransmettre (?:ton|votre) cv",
    r"\b(?:puedo|podría|podria|encantad[oa] de|con gusto|feliz de) (?:te )?ayudar(?:te|le)?\b|\bte (?:puedo|podría|podria) ayudar"
    r"|\bsi (?:te )?puedo ayudar",
    r"\b(?:mándame|mandame|envíame|enviame|pásame|pasame) tu (?:cv|currículum|curriculum|hoja de vida)",
    r"\b(?:posso|poderia|fico feliz em|quer que eu) (?:te |lhe )?(?:ajudar|ajude)",
    r"\b(?:me )?(?:manda|mande|envia|envie)(?:-me)? (?:o )?seu (?:cv|currículo|curriculo)",
    r"\bik (?:kan|wil|zou) (?:je|jou|u) (?:(?:graag|wel|best) )*(?:helpen|introduceren|voorstellen aan)"
    r"|\bik help (?:je|u) graag|\bals ik (?:je |u )?(?:ergens (?:mee )?)?(?:kan helpen|iets (?:voor (?:je|u) )?kan doen)",
    r"\bstuur (?:me|mij) (?:je|jouw|uw) cv",
])


def _dialect(pattern: str, *, html: bool) -> str:
    """A pattern above for plain text (Python, after tags and entities are undone), or for the
    raw cell (RE2), where a space may also be a tag or an entity and a letter an entity."""
    space, apostrophe = "[ \\t\\n\\r\\f\\v\u00a0\u202f]", "['\u2019]"
    if html:
        space = f"(?:{space}|<[^>]*>|&[a-z]+;|&#[0-9]+;)"
        apostrophe = "(?:['\u2019]|&#0*39;|&#x0*27;|&apos;|&rsquo;|&#8217;)"
    out = pattern.replace(" ", space + "+").replace("'", apostrophe)
    if html:  # a letter outside ASCII may be written as an entity (&eacute;)
        out = "".join(f"(?:{c}|&[a-z]+;|&#[0-9]+;)" if ord(c) > 127 and c.isalpha() else c for c in out)
    return out


@cache
def _offer_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(strong, weak) offers for Python, compiled when a body is first read (~80 ms: not on
    the way of an import that has no messages)."""
    return (re.compile(_dialect(f"{_STRONG_EN}|{_STRONG_OTHER}", html=False), re.IGNORECASE),
            re.compile(_dialect(f"{_WEAK_EN}|{_WEAK_OTHER}", html=False), re.IGNORECASE))


#: What RE2 looks for in the raw cells: every message Python would find an offer in, and a few more.
OFFER_FILTER = _dialect(f"{_STRONG_EN}|{_STRONG_OTHER}|{_WEAK_EN}|{_WEAK_OTHER}", html=True)

# Reading a match: "I wish I could help", "not sure I can help", "never happy to..."; and
# "help me" (that is asking), "recommend you apply" (advice).
_DENIED_BEFORE = re.compile(r"(?:\b(?:not|never|wish|only)|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ASKING_AFTER = re.compile(r"\s+(?:me|him|her|them|us|my|his|their)\b", re.IGNORECASE)
_ADVICE_AFTER = re.compile(r"\s+(?!to\s+(?:my|our|the|him|her|them|a|an|hr|hiring)\b|for\b|as\b|internally\b)\w",
                           re.IGNORECASE)

# A recruiter's pitch: sourcing people, selling a role. Recruiters say who they are ("I'm a
# technical recruiter"); a friend may mention one ("shall I connect you with our recruiter?").
_PITCH = re.compile(
    r"\b(?:i['\u2019]?m|i\s+am|i\s+work\s+as|as)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:recruiter|headhunter|sourcer|talent\s+partner|recruiting\s+partner)\b"
    r"|\b(?:i['\u2019]?m|i\s+am|we['\u2019]?re|we\s+are)\s+(?:currently\s+|actively\s+)?recruiting\b"
    r"|\b(?:recruiting\s+for|on\s+behalf\s+of|my\s+client|talent\s+acquisition|head\s*hunt\w*"
    r"|personalberat\w*|reclutador\w*|recrutador\w*|recruteur|recruteuse|wervings\w*)\b"
    r"|\b(?:open|interested)\s+(?:to|in)\s+(?:(?:new|exploring|hearing\s+about|a\s+new|other|a)\s+)*"
    r"(?:opportunit|roles?\b|positions?\b|challenges?\b|career\s+move)"
    r"|\bcame\s+across\s+your\s+(?:profile|background|cv)"
    r"|\b(?:great|good|perfect|strong|ideal|excellent)\s+(?:fit|match)\b"
    r"|\b(?:roles?|positions?|openings?|opportunit\w*|vacanc\w*)\b[^.?!\n]{0,60}\binterested\s*\?"
    r"|\b(?:are\s+you|would\s+you\s+be|if\s+you(?:'re|\u2019re|\s+are))\s+(?:interested|open)\b",
    re.IGNORECASE,
)

# Where the quoted earlier messages begin: "> ...", "-----Original Message-----", a line
# ending "... wrote:" (in the six languages), an HTML blockquote.
_QUOTED = re.compile(
    r"^[ \t]*>|^[ \t]*-{2,}[ \t]*(?:original|forwarded)\s+message"
    r"|^[^\n]{0,200}\b(?:wrote|schrieb|a\s+écrit|escribió|escreveu|schreef)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_BLOCKQUOTE = re.compile(r"<blockquote\b", re.IGNORECASE)
_LINE_TAG = re.compile(r"<(?:br|/p|/div|/li|/h\d)\b[^>]{0,200}>", re.IGNORECASE)
_TAG = re.compile(r"<[a-z/!][^>]{0,500}>", re.IGNORECASE)


def new_text(content: str) -> str:
    """A message body as words to read: tags and entities undone, quoted earlier messages cut."""
    text = content
    if "<" in text:
        if quote := _BLOCKQUOTE.search(text):
            text = text[: quote.start()]
        text = _TAG.sub(" ", _LINE_TAG.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    quoted = _QUOTED.search(text)
    return text[: quoted.start()] if quoted else text


def offers_help(content: str) -> bool:
    """Whether a message body offers the reader help or a referral (see above)."""
    text = new_text(content)

    def meant(found: re.Match[str]) -> bool:
        if _DENIED_BEFORE.search(text[max(0, found.start() - 40) : found.start()]):
            return False
        after = text[found.end() : found.end() + 40]
        said = found.group().lower()
        if said.endswith("help") and _ASKING_AFTER.match(after):
            return False
        return "recommend" not in said or not _ADVICE_AFTER.match(after)

    strong, weak = _offer_patterns()
    if any(meant(m) for m in strong.finditer(text)):
        return True
    return not _PITCH.search(text) and any(meant(m) for m in weak.finditer(text))
