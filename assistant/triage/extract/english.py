"""English (and mixed Chinese-English) narratives through the same facts: cue tables read case-insensitively.

Intake notes are often written in English or mix both ("bought protein powder from a seller on the app; the app
never checked the seller's food licence; she was hospitalised"). These patterns give the same ``Hit``s as the
Chinese cues, with spans in the original text, so a mixed note gets facts from both. Negation is written into
each pattern (never checked → False) rather than inferred, and a negated injury (nobody was hurt) is removed
before injuries are read, so it says nothing about damage to things (issue 14).
"""

from __future__ import annotations

import re
from datetime import date

from assistant.triage.extract.text import Hit
from assistant.triage.extract.dates import AMBIGUOUS_MONTHS

_I = re.IGNORECASE
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), start=1)}
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"

# (field, value, pattern). For each field the first pattern that matches gives a hit; several values = a conflict.
_CUES: tuple[tuple[str, object, str], ...] = (
    ("platform_role", "misleading_self_operated", r"(?:labell?ed|marked|shown as|listed as|said|says|showed|shows)\s+[\"“']?(?:\w+\s+){0,2}self[- ]operated[\"”']?[^.;]{0,80}\b(?:but|however|actually|in fact)\b"),
    ("platform_role", "self_operated", r"\bself[- ]operated\b|platform'?s own (?:store|shop)"),
    ("platform_role", "marketplace", r"\b(?:seller|vendor|merchant|third[- ]party|shop|store|restaurant|driver|host|pharmacy|cleaner|bakery|studio|agency|salon|clinic|dealer|landlord|tour operator)s?\b"),
    ("harm", "none", r"\bno (?:loss|damage)(?: (?:was )?(?:claimed|caused|suffered))?\b|\bnothing was lost\b"),
    ("knew_or_should_have_known", True, r"\b(?:many|several|other|earlier|previous)\s+(?:buyers|customers|users|consumers|people|passengers|guests|riders|parents)\s+had\s+(?:already\s+)?(?:complained|reported)"
                                        r"|\bcomplained about this (?:seller|shop|store) before\b|\b(?:platform|app)\s+(?:already\s+)?knew\b|\bafter\s+(?:three|two|several|many|\d+)\s+complaints\b"
                                        r"|\b(?:had been|has been|was|were) (?:reported|complained about)\b[^.;]{0,30}\b(?:before|previously|twice|times|already)\b"),
    ("necessary_measures_taken", False, r"\bkept (?:the )?(?:listing|product|shop|store)s? (?:online|on sale|open)\b|\bkeeps? selling\b|\bstill (?:selling|on sale)\b|\bcontinued to sell\b|\b(?:platform|app) did nothing\b|\btook no action\b|\bkept (?:him|her|them|it) (?:on|online|listed)\b"),
    ("necessary_measures_taken", True, r"\b(?:removed|took down|delisted|pulled)\b[^.;]{0,20}\b(?:listing|product|item|shop|store)"),
    ("qualification_review_done", False, r"\b(?:never|did not|didn't|failed to|not)\s+(?:check|verify|review|checked|verified|reviewed)\b[^.;]{0,40}\b(?:licen[cs]e|permit|background|qualification)"
                                         r"|\bhad no (?:\w+ )?(?:\w+ )?(?:business |food |drug )?licen[cs]e\b|\bunlicensed\b|\bwithout (?:a |any )?licen[cs]e\b"
                                         r"|\b(?:platform|app) (?:never|did not|didn't) (?:check|verify|review)(?:ed)?\b(?=\s*(?:[.;]|$))"
                                         r"|\blicen[cs]e (?:had been|has been|was) (?:revoked|suspended|cancelled|withdrawn)\b|\bexpired licen[cs]e\b"),
    ("qualification_review_done", True, r"\b(?:checked|verified|reviewed|did (?:check|verify|review))\b[^.;]{0,30}\blicen[cs]e\b"),
    ("safety_duty_done", False, r"\btook (?:a|one|two|three|\d+) (?:week|day|month)s? to (?:respond|reply|act)\b|\bnot heard from the (?:platform|app)\b|\bignored (?:our|my|the) complaints?\b|\bno response from the (?:platform|app)\b"),
    ("merchant_identity_provided", False, r"\b(?:seller|vendor|merchant|shop)\b[^.;]{0,20}\b(?:cannot|can't|could not|couldn't) be (?:reached|found|contacted)\b|\brefused to (?:give|disclose)\b[^.;]{0,30}\bseller|\b(?:could not|couldn't|cannot|can't) tell (?:us|me|her|him) who\b|\bseller has disappeared\b"
                                          r"|\b(?:cannot|can't|could not|couldn't|won't|will not) disclose\b[^.;]{0,30}\bseller"),
    ("merchant_identity_provided", True, r"\b(?:gave|provided|disclosed|told (?:us|me|her|him|the client))\b[^.;]{0,10}\b(?:us|me|her|him|the client)?\b[^.;]{0,10}\bseller'?s?\b[^.;]{0,10}\b(?:name|address|contact)"),
    ("advance_compensation_promised", True, r"\bpromised (?:advance )?compensation\b|\badvance compensation\b|\bcompensation guarantee\b|\bpay compensation first\b"),
    ("consumer_prima_facie_evidence", True, r"\bkept (?:the |all )?(?:order|receipt|invoice|screenshot|chat|medical record|photo)s?\b|\bhas (?:the )?(?:receipts|screenshots|medical records)\b"),
    ("consumer_prima_facie_evidence", True, r"\bkept the (?:box|packaging|order page|receipt)|\bkept\b[^.;]{0,40}\b(?:order record|medical records|receipts|screenshots)\b"),
    ("merchant_fault", "intentional", r"\b(?:knowingly|deliberately|intentionally|on purpose)\b"),
    ("merchant_fault", "negligent", r"\b(?:was|were) negligent\b|\bnegligen(?:t|ce)\b|\bcarelessly\b"),
    # a flood as a natural event (a flood, flooding after the storm), not a pipe that "flooded the flat below" (K12)
    ("force_majeure", True, r"\b(?:typhoon|earthquake|hurricane|landslide|tsunami)\b|\b(?:a|the|heavy|severe|flash|seasonal) floods?\b|\bfloods? (?:hit|struck|swept)\b"),
    ("complaint_delay_expanded_damage", True, r"\b(?:took|delay(?:ed)?|waited)\b[^.]{0,60}\b(?:in the meantime|meanwhile)\b[^.]{0,80}\b(?:again|worse)\b"
                                              # told the app, it sat on it, then the harm came (QIN-5.2.3)
                                              r"|\b(?:took (?:\w+|\d+) (?:days|weeks) to (?:reply|respond|act)|only replied (?:on|after)|did nothing)\b"
                                              r"[\s\S]{0,120}?\b(?:exploded|burn(?:ed|t)|tipped|caught fire|again|worse|hospitali[sz]ed)\b"),
    ("live_streaming", True, r"\blive[- ]?stream(?:ing)?\b|\blive broadcast\b"),
)
_CATEGORY: tuple[tuple[str, str], ...] = (
    ("medical_device", r"blood pressure monitor|glucose (?:meter|monitor)|thermometer|contact lens|hearing aid|medical device"),
    ("drug", r"\bmedicine\b|\bdrugs?\b|\btablets?\b|\bpharmacy\b|\bcold medicine\b|\bantibiotics?\b"),
    ("cosmetics", r"face cream|lipstick|cosmetics?|skin ?care|\bserum\b|hair dye|sunscreen"),
    ("transport", r"ride[- ]hailing|\btaxi\b|\bcar ride\b|\bdriver\b|网约车"),
    ("lodging", r"\bhomestay\b|\bhotel\b|\bhostel\b|\bguesthouse\b|\bairbnb\b"),
    ("catering", r"\bmeal\b|\brestaurant\b|\btakeaway\b|food delivery|delivery app|\bsushi\b|hot ?pot|\bdish\b"),
    ("food", r"protein powder|baby formula|milk powder|\bformula\b|\bsnacks?\b|\bcake\b|\bmilk\b|dumplings|\bhoney\b|supplements?"),
    ("other_service", r"cleaning service|\bcleaner\b|\btour\b|repair service|moving company|\b(?:cooking|swimming|dance|art) class\b|\btraining course\b|\bgym\b"),
    ("other_goods", r"charger|\bphone\b|laptop|blanket|\btoy\b|hair straightener|rice cooker|\bbag\b|camera|sneakers|\bshoes\b|pressure cooker|heater|appliance|\bbattery\b|e-?bike|scooter|hair dryer|bath seat|\bstroller\b|\bkettle\b|\bfurniture\b"
                     r"|blender|juicer|air fryer|microwave|toaster|\bfan\b|\blamp\b|mattress|helmet|car seat|\bcrib\b|power bank|\btablet computer\b"),
)
_INJURY_NEG = re.compile(r"\bno (?:(?:physical|bodily) )?(?:injury|injuries|one (?:was )?hurt)\b|\bno (?:person|people|human|child|adult)s? (?:was |were )?(?:hurt|injured|harmed)\b"
                         r"|\bno (?:(?:visible|actual|real|serious) )?(?:burns?|wounds?|bruis(?:es|ing)|cuts?|fractures?|injur(?:y|ies))\b(?: to (?:the |her |his |my |their )?\w+)?|\bnothing happened to (?:her|his|my|their) health\b|\b(?:nobody|no one|no-one|none of us|neither of (?:us|them)|not (?:a|one) (?:single )?(?:person|soul))(?:\s+(?!(?:but|and|then|who|that|she|he|they|I|we|it|my|her|his|their|our)\b)\w+){0,4}?\s+(?:(?:was|were|got|fell|is|are)\s+)?(?:(?:seriously|badly|really)\s+)?(?:hurt|injured|harmed|sick|ill)\b"
                         r"|\b(?:did not|didn't|was not|wasn't|were not|weren't|not)\s+(?:(?:seriously|badly|really)\s+)?(?:get\s+|fall\s+)?(?:hurt|injured|harmed|sick|ill)\b"
                         # negation scope, not a phrase list (K12): "nobody hurt", "without injury", "escaped injury"
                         r"|\b(?:without|escaped|avoided|spared)\s+(?:any\s+|an\s+)?(?:injur(?:y|ies)|harm|anyone (?:getting |being )?(?:hurt|injured))\b", _I)
_INJURY = re.compile(r"hospitali[sz]ed|\bhospital\b|\bthe ER\b|emergency room|\binjur(?:y|ies|ed)\b|\bhurt\b|\bburns?\b(?!\s+(?:marks?|holes?|stains?|spots?|patch(?:es)?)\b)(?!\s+(?:on|in|to|into)\s+(?:the|a|an|our|my|his|her|their)\s+(?!(?:face|arms?|hands?|legs?|body|skin|neck|chest|feet|foot|fingers?|back|head|lips?|mouth|tongue|eyes?|ears?|scalp|thighs?|knees?|wrists?|shoulders?|palms?|cheeks?|forehead|gums?|teeth|tooth|nose|toes?|belly|stomach|throat|ankles?|elbows?|calf|calves|hips?|bottom|eyelids?|paws?|tail|snout|muzzle|beak|wings?)\b))|burn(?:ed|t) (?:(?:her|his|my|their|both|two|three|several|all|\d+)\s+){1,2}(?:face|arms?|hands?|legs?|body|skin|neck|chest|feet|foot|fingers?|back|head|lips?|mouth|tongue|eyes?|ears?|scalp|thighs?|knees?|wrists?|shoulders?|palms?|cheeks?|forehead|gums?|teeth|tooth|nose|toes?|belly|stomach|throat|ankles?|elbows?|calf|calves|hips?|bottom|eyelids?|paws?|tail|snout|muzzle|beak|wings?)\b|burned (?:her|him|me|them)(?:self|selves)?\b|poisoning|\brash\b|vomit|\bgot sick\b|\bsick again\b"
                     r"|concussion|chipped a tooth|dentist|diagnosed with|blurry|blister(?:ed|s)?|dermatology|broken (?:wrist|arm|leg|rib|nose|bone)|fracture|diarrh(?:o)?ea|allergic|anaphyla\w*|went into shock|\bstroke\b|blood lead|under treatment|saw a doctor|second-degree|liver damage|住院"
                     r"|\bburn(?:ed|t|s)? (?:on|to) (?:the|her|his|my|their) (?:face|arms?|hands?|legs?|body|skin|neck|chest|feet|foot)\b"
                     r"|\bcuts? (?:on|to|in) (?:the |her |his |my |its |their |a )?(?:\w+'s )?(?:ears?|paws?|tail|snout|muzzle|head|face|neck|back|legs?|hands?|fingers?|lips?|mouth|tongue|feet|foot|arms?)\b"
                     r"|\bcut (?:his|her|my|their) (?:mouth|hand|finger|lip|foot|tongue|gum)s?\b|\bbroke (?:two|three|several|\d+) (?:\w+ )?(?:hip|arm|leg|wrist|ankle|rib|collarbone|nose|tooth|teeth|finger|toe|skull|back|neck|jaw|hand|foot|knee|shoulder)s?\b"
                     r"|\bbroke (?:his|her|my|their|a) (?:hip|arm|leg|wrist|ankle|rib|collarbone|nose|tooth|teeth|finger|toe|skull|back|neck|jaw|hand|foot|knee|shoulder)s?\b|\b(?:hip|arm|leg|wrist|ankle|rib|collarbone|nose|tooth|teeth|finger|toe|skull|back|neck|jaw|hand|foot|knee|shoulder)s? (?:was |were |got )?(?:broken|fractured|scalded|burned|burnt|cut|injured|hurt)\b|scald(?:ed|s|ing)?\b"
                     r"|\b(?-i:ER)\b|swallowed water|headaches?|migraines?|\bsurgery\b|dermatologist|\bred patches\b|\bambulance\b|\bbreaking (?:her|his|my|their|a) (?:hip|arm|leg|wrist|ankle|rib|collarbone|nose|tooth|teeth|finger|toe|jaw|hand|foot|knee|shoulder)s?\b|medical bills|stitches|sprain(?:ed)?|bruis(?:e|ed|es)|unconscious|\bbleeding\b", _I)
_PROPERTY = re.compile(r"\blost\s+[\d,]+|\bburn(?:ed|t) down\b|\bloss of\b|\bburned the\b|\bdestroyed\b|\bbroke (?:a|the|my)\b|\bfake\b|counterfeit|\bstolen\b|\bpaid [\d,]+ yuan\b|repair (?:quote|estimate|bill|cost)s?|\brefus\w* to (?:return|refund|pay back)\b|\bkept the [\d,]+ yuan\b|\brefund(?:ed)? refused\b"
                       r"|\b(?:was|were) (?:burned|scorched|ruined|damaged|destroyed)\b|\bscorched\b|\bmelted\b|\bruined\b"
                       r"|\bextra [\d,]+ yuan\b|\b[\d,]+ yuan (?:lost|wasted|gone)\b|\bovercharged\b|\bnot the [\d,]+ yuan\b", _I)
# Damage done to a thing (charred the carpet, a burn mark): property, unless the narrator says nothing was lost (K12).
_DAMAGE = re.compile(r"\b(?:charred|cracked|smashed|shattered|scorched|melted|ruined|damaged|destroyed|broke|soaked|flooded|stained|dented|scratched|warped|burn(?:ed|t))"
                       r"\s+(?:a hole in\s+)?(?:the|my|our|his|her|their|a|an|two|three|several|all)\b(?!\s+(?:face|arms?|hands?|legs?|body|skin|neck|chest|feet|foot|fingers?|back|head|lips?|mouth|tongue|eyes?|ears?|scalp|thighs?|knees?|wrists?|shoulders?|palms?|cheeks?|forehead|gums?|teeth|tooth|nose|toes?|belly|stomach|throat|ankles?|elbows?|calf|calves|hips?|bottom|eyelids?|paws?|tail|snout|muzzle|beak|wings?)\b)"
                       r"|\bburn (?:marks?|holes?|stains?)\b|\bburns? (?:on|in) (?:the|a|our|my) (?!(?:face|arms?|hands?|legs?|body|skin|neck|chest|feet|foot|fingers?|back|head|lips?|mouth|tongue|eyes?|ears?|scalp|thighs?|knees?|wrists?|shoulders?|palms?|cheeks?|forehead|gums?|teeth|tooth|nose|toes?|belly|stomach|throat|ankles?|elbows?|calf|calves|hips?|bottom|eyelids?|paws?|tail|snout|muzzle|beak|wings?))\w+", _I)
# A harm that did not happen (a near miss, a fear, a supposition): the rest of its clause states a risk (issue 14).
_UNREALISED = re.compile(r"\b(?:almost|nearly|narrowly|could have|would have|might have|may have been|risk(?:ed|s)? of|in case|afraid|worried|fear(?:ed|s)? (?:that|it)|if (?:she|he|they|we|I|the child|the baby|my \w+) had)\b[^.;,!?\n]*", _I)
_AGENT_LINE = re.compile(r"(?m)^[ \t]*(?:agent|customer service|客服|坐席)[ \t]*[:：].*$", _I)
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+" + _MON + r"\s+((?:19|20)\d{2})\b", _I)
_DATE_MDY = re.compile(r"\b" + _MON + r"\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b", _I)
_DATE_MY = re.compile(r"\b(?:in\s+)?" + _MON + r"\s+((?:19|20)\d{2})\b", _I)
_COMPILED = tuple((f, v, re.compile(p, _I)) for f, v, p in _CUES)
_CAT = tuple((c, re.compile(p, _I)) for c, p in _CATEGORY)
_ASCII_WORDS = re.compile(r"[A-Za-z]{3,}")
_GOODS_DATE_EN = re.compile(r"\b(?:manufactured|made|produced|expir(?:y|es|ed)|best before|use by|shelf life)\b[^.;,]{0,20}$", re.I)
_TOLD = re.compile(r"\b(?:told|complained|reported|notified|contacted|wrote to|messaged)\b", re.I)
# a record's own date sits right after its name (Client note 12 Oct 2024:, Intake dated 3 May 2024, as of …); a date
# after the heading's colon or dash (Intake note - trip on 3 March 2023) is the story's
_RECORD_EN = re.compile(r"(?:\b(?:notes?|intake|memo(?:randum)?|minutes|record|interview|consultation|call(?: log)?)"
                        r"[\s,]*(?:(?:dated|of|on|taken|made)\s+)?|\b(?:dated|recorded|prepared)(?:\s+on)?\s+|\bas of\s+)$",
                        re.I)


def has_english(text: str) -> bool:
    """True when the text holds English words worth reading (a few words at least)."""
    return len(_ASCII_WORDS.findall(text)) >= 3


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for m, i in _MONTHS.items() if m.startswith(name[:3]))


def english_date(text: str, anchor: date | None = None) -> tuple[Hit, str] | None:
    """The earliest English date (3 March 2023, March 3, 2023, July 2023) and its precision (day / month)."""
    limit = anchor or date.today()
    found: list[tuple[Hit, str]] = []
    months: list[tuple[Hit, str]] = []
    for rx, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy")):
        for m in rx.finditer(text):
            d, mon, y = (m.group(1), m.group(2), m.group(3)) if order == "dmy" else (m.group(2), m.group(1), m.group(3))
            try:
                value = date(int(y), _month(mon), int(d))
            except ValueError:
                continue
            if value <= limit:
                found.append((Hit(value, m.start(), m.end()), "day"))
    days = [(hp[0].start, hp[0].end) for hp in found]
    found = [hp for hp in found if _purchase_or_harm_date(text, hp[0])]
    if not found:  # a month is read only when no day date of the purchase or the harm is told
        for m in _DATE_MY.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in days):
                continue  # the month of a day date set aside (Client note 12 Oct 2024): not a date of its own
            value = date(int(m.group(2)), _month(m.group(1)), 1)
            # the same law-change months as in Chinese (dates.AMBIGUOUS_MONTHS): the day decides the law (K18)
            if (value.year, value.month) in AMBIGUOUS_MONTHS:
                continue
            if value <= limit:
                months.append((Hit(value, m.start(), m.end()), "month"))
        found = [hp for hp in months if _purchase_or_harm_date(text, hp[0])]
    return min(found, key=lambda hp: hp[0].value) if found else None


def _purchase_or_harm_date(text: str, hit: Hit) -> bool:
    """Whether a date may be the purchase's or the harm's: not a complaint's, the goods' own, or the note's own date."""
    start, end = _sentence(text, hit.start)[0], _sentence(text, hit.end)[1]
    # the date of a complaint or report (On 2 June she told the app …) is not the purchase's or the harm's;
    # nor is a date of the goods themselves (manufactured in March 2022, best before …) (K12)
    if _TOLD.search(text[start:end]) or _GOODS_DATE_EN.search(text, max(0, hit.start - 30), hit.start):
        return False
    # the date a note, intake or call record was made (Client note 12 Oct 2024: …, Intake dated …): the record's own
    return not _RECORD_EN.search(text, start, hit.start)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in ".;!?\n") + 1
    ends = [i for i in (text.find(c, pos) for c in ".;!?\n") if i >= 0]
    return start, min(ends) if ends else len(text)


_ANIMAL = re.compile(r"\b(?:dog|cat|puppy|kitten|pet|parrot|rabbit|hamster|goldfish|fish|chickens?|pig|cattle)s?\b|\bvet\b", _I)
_PERSON_EN = re.compile(r"\b(?:she|he|I|client|son|daughter|child|baby|wife|husband|mother|father|her|his|my (?:son|daughter|wife|husband))\b")


def _animals_harm(text: str, pos: int) -> bool:
    """True when an animal is named after the last person in the injury's sentence (the dog vomited; vet bill)."""
    before = text[_sentence(text, pos)[0]:pos]
    animals = [a.end() for a in _ANIMAL.finditer(before)]
    people = [p.end() for p in _PERSON_EN.finditer(before)]
    return bool(animals) and (not people or animals[-1] > people[-1])


# A clinic or a hospital where the consumer was treated (checked at the clinic) is no seller (K12).
_TREATED_AT = re.compile(r"\b(?:checked|treated|seen|examined|taken|went|rushed|admitted|stitched|bandaged)\b[^.;,]{0,16}\b(?:at|to|in)\s+(?:the|a|an)\s+(?:\w+\s+)?$", _I)


def _treated_at(text: str, m: re.Match) -> bool:
    """True when a role word (clinic) names where the consumer was treated, not who sold."""
    return m.group().lower().startswith(("clinic", "hospital")) and bool(_TREATED_AT.search(text, max(0, m.start() - 40), m.start()))


def english_hits(text: str) -> dict[str, list[Hit]]:
    """Hits per field from English cues (category and harm included), spans in ``text``."""
    hits: dict[str, list[Hit]] = {}
    for name, value, rx in _COMPILED:
        m = next((m for m in rx.finditer(text) if not _treated_at(text, m)), None)
        if m and not (name == "platform_role" and name in hits):  # the first (most specific) role wins
            hits.setdefault(name, []).append(Hit(value, m.start(), m.end()))
    own_trade = re.compile(r"\b(?:for|at|in) (?:her|his|my|their|our) (?:own )?(?:restaurant|shop|store|hotel|homestay|salon|clinic|office|work)\b", _I)
    cat_text = own_trade.sub(lambda m: " " * len(m.group()), text)  # the buyer's own business is not what was sold
    for cat, rx in _CAT:
        m = rx.search(cat_text)
        if m:
            hits["category"] = [Hit(cat, m.start(), m.end())]
            break
    masked = _INJURY_NEG.sub(lambda m: " " * len(m.group()), text)
    masked = _UNREALISED.sub(lambda m: " " * len(m.group()), masked)  # almost burned: a risk, not a harm
    masked = _AGENT_LINE.sub(lambda m: " " * len(m.group()), masked)  # the agent's advice is not the consumer's harm
    if "merchant_fault" in hits and (_said_by_other_side(text, hits["merchant_fault"][0].start)
                                     or _BLAMES.search(text, _sentence(text, hits["merchant_fault"][0].start)[0],
                                                       hits["merchant_fault"][0].start)):
        del hits["merchant_fault"]  # "the shop says kids ride carelessly": the consumer blamed, not the seller's fault
    masked = _DAMAGE_NEG.sub(lambda m: " " * len(m.group()), masked)  # "nothing else was damaged" (K12)
    if "harm" in hits and _said_by_other_side(text, hits["harm"][0].start):
        del hits["harm"]  # "the seller says there was no damage": a claim, not the fact (K12)
    injury = _injury_hit(masked)
    if injury is not None and injury.value == "personal_injury" and _INJURY_NEG.search(text):
        # an injury word beside "no person was hurt": an animal's if one is named (just the cat), else asked (K12)
        injury = Hit("property_loss", injury.start, injury.end) if _ANIMAL.search(text) else None
        if injury is None:
            hits.pop("harm", None)
    if injury is not None:
        hits["harm"] = [injury]
    elif (m := _PROPERTY.search(masked)) is not None:
        hits["harm"] = [Hit("property_loss", m.start(), m.end())]
    elif "harm" not in hits and (m := _DAMAGE.search(masked)) is not None:
        hits["harm"] = [Hit("property_loss", m.start(), m.end())]
    return hits


# Someone other than the consumer hurt (he hit a pedestrian, who broke her wrist), or that one's bills paid by the
# consumer: the consumer's loss is money (as 撞伤行人，赔偿行人医疗费 in Chinese), not a personal injury (K12).
_THIRD = re.compile(r"\b(?:pedestrians?|passers?-?by|cyclists?|bystanders?|neighbou?rs?|strangers?|(?:another|the other) (?:driver|car|person|guest|child)"
                    r"|third part(?:y|ies)|someone else|other people)\b", _I)
_FIRST = re.compile(r"\b(?:I|me|my|we|us|our|client|(?:my |our |her |his |the client's )(?:son|daughter|child|baby|wife|husband|mother|father|mum|mom|dad))\b", _I)
_PAID_FOR = re.compile(r"\b(?:paid|pay|covered|cover|compensated|reimbursed|settled)\b[^.;!?\n]{0,20}$", _I)
_BLAMES = re.compile(r"(?:店家|商家|卖家|客服|平台)\s*(?:says|said|claims|insists|blames)|\bblames?\b", _I)
# A damage negated by its subject or its verb (nothing else was damaged, the sofa was not damaged): no loss told.
_DAMAGE_NEG = re.compile(r"\b(?:nothing|none|no \w+)(?:\s+else)?\s+(?:was|were|got)\s+(?:\w+\s+)?(?:damaged|ruined|burned|burnt|destroyed|broken|lost|harmed)\b"
                         r"|\b(?:was|were|is|are)\s*(?:not|n't)\s+(?:\w+\s+)?(?:damaged|ruined|burned|burnt|destroyed|broken|scorched|melted)\b", _I)
_SAYSO_EN = re.compile(r"\b(?:the )?(?:seller|shop|store|merchant|vendor|platform|app|agent|customer service)\s+"
                       r"(?:says|said|claims|claimed|insists|insisted|argues|argued|maintains|maintained)\b", _I)


def _said_by_other_side(text: str, pos: int) -> bool:
    """True when the words at ``pos`` stand in the seller's or the platform's say-so in their sentence."""
    return bool(_SAYSO_EN.search(text, _sentence(text, pos)[0], pos))


def _injury_hit(masked: str) -> Hit | None:
    """The consumer's injury (personal), else an animal's or a third person's one (the owner's or payer's loss)."""
    other: Hit | None = None
    third_named = False
    for m in _INJURY.finditer(masked):
        before = masked[_sentence(masked, m.start())[0]:m.start()]
        thirds = [t.end() for t in _THIRD.finditer(before)]
        firsts = [f.end() for f in _FIRST.finditer(before)]
        if thirds and (not firsts or thirds[-1] > firsts[-1]):
            third_named = True
            other = other or Hit("property_loss", m.start(), m.end())
        elif third_named and _PAID_FOR.search(before):  # Client paid her medical bills (the pedestrian's)
            other = other or Hit("property_loss", m.start(), m.end())
        elif _animals_harm(masked, m.start()):  # the dog vomited; vet bill: the owner's property loss
            other = other or Hit("property_loss", m.start(), m.end())
        else:
            return Hit("personal_injury", m.start(), m.end())
    return other
