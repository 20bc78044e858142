"""The regulations of party-member admission as data plus pure functions.

No Django here: this package is the one place to read to check the law is right.

* :mod:`.base` — findings, citations, editions and their parameters;
* one module per edition — :mod:`.qd29_2016`, :mod:`.qd24_2021`, :mod:`.qd232_2025`,
  :mod:`.qd294_2025` — holding the numbers, the switches and the citation of every rule;
* :mod:`.editions` — which edition was in force on a date, and inserting a new one;
* :mod:`.facts` — the small frozen inputs the rules read;
* :mod:`.admission`, :mod:`.probation`, :mod:`.membership` — the rules (domain §11);
* :mod:`.check` — every rule of a procedure step at once;
* :mod:`.messages` — a finding in Vietnamese or, from :mod:`.messages_en`, in English.
"""

from ketnap.rules.base import Citation, Edition, Finding, Parameters, Severity
from ketnap.rules.check import Step, check, edition_for_step
from ketnap.rules.editions import DEFAULT, NoEditionInForce, Registry, edition_on
from ketnap.rules.messages import citation_text, message

__all__ = [
    "DEFAULT",
    "Citation",
    "Edition",
    "Finding",
    "NoEditionInForce",
    "Parameters",
    "Registry",
    "Severity",
    "Step",
    "check",
    "citation_text",
    "edition_for_step",
    "edition_on",
    "message",
]
