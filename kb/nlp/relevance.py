"""Is this report about a real AI agent incident? A score in [0, 1] and a decision.

Evidence counted over sentences (regular expressions over lower-cased text):

- ``ai``: sentences naming an AI agent (gazetteer AGENT) or a generic one (AI agent, chatbot,
  coding assistant, LLM);
- ``harm``: sentences with an action cue (``action.score_sentence``) *and* an AI reference
  in the same sentence or the two before (a product's head noun, "the feature", refers
  back) -- the agent did something harmful;
- ``real``: real-world consequence words (production, customers, outage, lost, apologised,
  tribunal, sanctioned, refund, fired, shut down, in the wild, victim);
- ``research``: vulnerability-research words (vulnerability, CVE, CVSS, researcher,
  proof of concept, disclosed, patched, could allow, bug bounty, demonstrated);
- ``researcher``: who found it (researchers, proof of concept, demonstrated, a study/sample);
- ``launch``: product-launch words (launch, announce, introducing, now available, pricing);
- ``unreal``: fiction words (satire, parody, hypothetical, imagine, template placeholders);
- ``title_launch``: a launch headline ("X unveils Y") that reports no harm;
- ``denied_ai`` / ``denied_harm``: the AI's part denied ("no AI involved"), or a harmful deed
  told as done by no AI ("no agent deleted a database"), which an opinion piece says, or a
  writer who says nothing has gone wrong yet (``NOTHING_HAPPENED``); a
  harmful act said not to have happened ("No customer data was lost", :func:`denied_deed`)
  is no deed and no consequence;
- the form of the document: a template (field labels with placeholder values), release
  notes (entries opening "Added:", "Fixed:"), a fact-check rating its claim false
  ("RATING: FALSE") or news
  satire (its stock subjects, "Area man") is held not to report anything real
  (:func:`genre_penalty`).

An *AI in passing* penalty applies when fewer than 5 sentences, and under a tenth of them,
name an AI system. The score is a logistic function of log-counts and of the densities of consequence and
research sentences (weights set on the dev gold with a coarse grid, rounded); relevant when
it is >= ``THRESHOLD``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span

from .action import score_sentence
from .actors import unlisted_agents
from .entities import GENERIC_AGENT, sentence_bots
from .gazetteer import is_model
from .prefilter import ASKED_TOOL as ASKED_TOOL_PATTERN, NAME_KIND, NOT_TOOLS, PRODUCT_TITLE, QUOTED_PRODUCT
from .segment import Sentence

THRESHOLD = 0.45

#: Real-world consequences: harm done, the deployer's response, the people who bore it.
REAL = re.compile(r"\boutages?\b|\blost\b|\bapolog(?:i|y\b)|\btribunal\b|"
                  # real.ordered_to_pay: a ruling that makes someone pay: "was ordered to pay him
                  # $812", "ordered to compensate the passenger"
                  r"\bordered to (?:pay|compensate|refund|reimburse)\b|"
                  # real.said_sorry: "we said sorry, one call at a time"
                  r"\b(?:said|say|saying|says) sorry\b|"
                  # real.revoked_access: the responder takes back what was given: "it also revoked
                  # the credentials involved", "revoked the agent's tokens"
                  r"\brevoked\b (?:[\w'-]+ ){0,3}?(?:credentials|tokens?|keys?|access|permissions?|"
                  r"certificates?)\b|"
                  # real.reported_to_authority: the harm reported to a regulator or the police:
                  # "has reported the breach to the ICO", "notified the regulator"
                  r"\b(?:reported|notified|referred)\b (?:[\w'-]+ ){0,3}?(?:to )?(?:the )?(?:ico|regulators?|"
                  r"police|authorities|information commissioner|data protection (?:authority|commission(?:er)?))\b|"
                  # real.switched_off_named: the product switched off, named between the verb and
                  # its particle: "switched the assistant off", "turned the bot off"
                  r"\b(?:switched|turned) (?:the |its |their |our )(?:[\w-]+ ){0,2}?off\b|"
                  # real.fee_charged: a penalty charge or a payment missed because of it: "a £45 late
                  # fee", "they charged me the exit fee", "a missed January payment", "non-refundable",
                  # "is a chargeback realistic"; a fee the company pays back is a remedy, not a
                  # harm ("will cover any late fees", "waived the exit fee")
                  r"(?<!cover any )(?<!cover the )(?<!covered any )(?<!covered the )(?<!waive any )"
                  r"(?<!waive the )(?<!waived any )(?<!waived the )(?<!refund any )(?<!refund the )"
                  r"\b(?:late|exit|termination|early[- ]termination|cancellation|overdraft|penalty|"
                  r"returned[- ]payment) (?:fees?|charges?)\b|\bmissed (?:[\w-]+ ){0,2}?(?:payments?|"
                  r"instal?ments?|repayments?)\b|\bnon-?refundable\b|\bchargebacks?\b|"
                  # real.service_knocked_out: a service stopped by it: "knocking out 911 dispatch
                  # consoles" (not "went dark", which an AI product that is the victim does too)
                  r"\bknock(?:ed|ing|s)? (?:[\w'-]+ ){0,2}?out\b(?! of\b)|"
                  # real.contract_suspended: the deployer drops the vendor: "voted to suspend the
                  # contract", "terminated its contract with"
                  r"\b(?:suspend|terminat|cancel|end)\w* (?:the|its|their|our) (?:[\w-]+ )?contract\b|"
                  # real.honoured_offer: a deal the bot made up, kept at the firm's cost: "decided to
                  # honour the discount", "agreed to honor the fare it quoted"
                  r"\bhonou?r(?:ed|ing|s)? (?:the|its|their|that|this|every|each) (?:[\w-]+ ){0,2}?(?:discounts?|"
                  r"prices?|offers?|deals?|fares?|quotes?|promises?|refunds?|pricing)\b|"
                  # real.agent_confession: the agent owns the damage in the first person: "I have
                  # failed you completely", "I made a catastrophic error", "my gross incompetence"
                  r"\bi (?:have |had )?failed you\b|\bi (?:have )?made a (?:catastrophic|terrible|grave|serious|"
                  r"huge) (?:error|mistake)\b|\bmy (?:gross |complete |utter )?incompetence\b|"
                  r"\bsanction|\brefund|\bfired\b|\bterminated\b|\bshut (?:it )?down\b|\bin the wild\b|"
                  r"\bvictims?\b|\bdamages\b|\bliable\b|\bbacklash\b|\bviral\b|\bdowntime\b|"
                  r"\bpulled\b|\bretract|"
                  # real.rolled_back: the responders undo the change: "Rolled back after the on-call
                  # engineer traced the change", "we had to roll back the deploy"
                  r"\b(?:rolled|rolling) (?:it |them |the [\w-]+ (?:[\w-]+ )?)?back\b|\bhad to (?:roll back|revert|restore)\b|"
                  # real.degraded_span: a span of impaired service: "two and a half hours of degraded
                  # ingestion", "40 minutes of failed checkouts"
                  r"\b(?:hours?|minutes?|days?) of (?:degraded|delayed|disrupted|failed|failing|broken|interrupted|"
                  r"lost|partial)\b|"
                  # real.unasked_charge: a charge or purchase the person never chose: "a 'priority
                  # delivery' charge he never picked", "fees I never agreed to"
                  r"\b(?:charges?|fees?|purchases?|orders?|subscriptions?|tips?|upgrades?)[\"”']? (?:that )?(?:he|she|they|i|we|you) "
                  r"(?:had )?(?:never|didn't|did not|hadn't) (?:picked|chose|choose|approved?|authori[sz]ed?|asked for|"
                  r"ordered|agreed to|wanted|requested|selected|signed up for)\b|"
                  # real.defamation: a false story about a real person answered in law or complaint:
                  # "a defamation complaint", "defamatory claims", "sued for libel"
                  r"\bdefam\w*|\blibel(?:lous|ous)?\b|"
                  # real.stepped_down: the one in charge leaves over it, the policy undone: "the chief
                  # regulator stepped down", "the government reversed course", "a U-turn"
                  r"\bstepped down\b|\breversed course\b|\bu-turn\b|\bcompromised\b|\bdisabled\b|\bwiped\b|\bdeleted\b|\blawsuit\b|"
                  r"\bbricked\b|"
                  # a person who died or was hurt after it: "He died trying to get there"
                  r"\b(?:he|she|they|who) (?:later |then |eventually )?(?:died|was killed|were killed|was injured|were injured)\b|"
                  # real.death: a death told of the event or its victim: "a fatal crash", "the
                  # deadly collision", "died after his car struck", "a wrongful-death suit"
                  r"\b(?:fatal|deadly) (?:[\w-]+ )?(?:crash|collision|accident|wreck)e?s?\b|\bdied after\b|"
                  r"\bwrongful[- ]death\b|"
                  # real.recall: the maker calls the product back: "a voluntary software recall",
                  # "recalled 3,067 vehicles", "the recall covers"
                  r"\b(?:voluntary|software|safety|product) recalls?\b|\bthe recall (?:covers|affects|applies)\b|"
                  r"\brecall(?:ed|s|ing)? (?:about |nearly |more than |over )?\d[\d,]* (?:[\w-]+ ){0,2}?(?:vehicles|cars|"
                  r"robotaxis|units|devices|trucks)\b|"
                  # real.operations_halted: the service stopped by order or on request: "asked
                  # Waymo to pause operations", "suspended its operations"
                  r"\b(?:pause|halt|suspend|stop)(?:ed|s|ing)? (?:[\w'-]+ )?operations\b|"
                  # real.shut_down_named: the product withdrawn, named between the verb and its
                  # particle: "he was shutting EnrichLead down"
                  r"\bshut(?:ting|s)? (?!up\b)(?:[\w'-]+ ){1,2}?down\b|"
                  # real.defrauded: the person who paid a fraudster: "agreed to pay $768",
                  # "unfamiliar charges appeared on his card", "I fell for it"
                  r"\bagreed to pay\b|"
                  # the money gone to criminals, or part of it won back: "paying $184,000 to
                  # fraudsters", "the theft has been reported", "the bank clawed back $31,000"
                  r"\bto (?:the )?(?:fraudsters|scammers|criminals|thieves|impostors)\b|\bthe theft\b|\bclawed back\b|\b(?:unfamiliar|fraudulent|unauthori[sz]ed|bogus) (?:charges|transactions|"
                  r"payments|withdrawals)\b|\bfell for (?:it|this|that|the scam)\b|\bscammed\b|"
                  r"\bexposed\b|\bstolen\b|\bsuspended\b|\bbanned\b|\baffected (?:customers|users|people|accounts|"
                  r"organi[sz]ations|businesses|companies|merchants|patients|tenants|clients|members|"
                  r"residents|households|subscribers|families|passengers|drivers|students)\b|"
                  # real.made_whole: those who lost money paid back in full: "Affected members are
                  # being made whole", "we will make every customer whole"
                  r"\b(?:made|make|making|be made|being made) (?!an? )(?:\w+ ){0,2}?whole\b(?! [a-z])|"
                  # real.money_gone: a sum said to be gone: "$4,800 out the door", "$3,700 gone"
                  r"[$£€]\s?\d[\d,.]*\s*(?:k|m|bn|million|thousand)?\b (?:(?:each|in total|total|just) )?"
                  r"(?:gone|out the door|down the drain|lost|vanished)\b|"
                  # real.secret_found_public: a key or secret said to be out in public: "AWS emailed
                  # me that the key was found publicly"
                  r"\b(?:keys?|secrets?|tokens?|credentials|passwords?)\b (?:was|were|had been|has been) (?:found|"
                  r"exposed|posted|leaked|published|detected) (?:publicly|in public|online|on github)\b|"
                  # real.down_for: a service out of use for a span of time: "our payments ledger was
                  # unavailable for 4 hours and 20 minutes", "Checkout was down for about 2.5 hours"
                  r"\b(?:was|were|went|been|is|are) (?:completely |fully |totally )?(?:unavailable|down|offline|"
                  r"unreachable|inaccessible) for (?:about |roughly |nearly |over |more than |almost |around )?"
                  r"(?:\d|an? |two|three|four|five|six|several)|"
                  # real.count_saw_failures: how many people met the failure: "About 18,000 merchants
                  # saw failed transactions"
                  r"\b\d[\d,]* (?:[\w-]+ ){0,3}?(?:saw|got|hit|experienced|received|suffered|faced) (?:failed|"
                  r"errors?|failures?|outages?|declined|double|delayed|stale|missing|broken|wrong|incorrect|empty|"
                  r"blank|duplicated?)\b|"
                  r"\bproduction (?:database|db|environment|infrastructure|servers?|systems?|data|"
                  r"clusters?|branch|site|app|deployment|pods?|tables?)\b|"
                  r"\b(?:sent|transferred|paid|drained|spent|charged)\s+(?:[\w-]+,?\s+){0,3}(?:[$£€]\s?\d|"
                  r"\d[\d.,]*\s*(?:eth|btc|usdc|sol|dollars|pounds|euros)\b)|"
                  r"\bleaked\b|\b(?:took|taken|taking|takes) (?:[\w-]+ ){0,3}offline\b|"
                  # the work lost, said plainly: "the data folder is gone", "it was all gone"
                  r"\b(?:is|are|was|were) (?:all |now |simply |completely )?gone\b|"
                  # real.lost_work: work lost for good, told as its span or as beyond recovery:
                  # "losing two years of work", "deleted chats cannot be recovered", "nothing came back"
                  r"\blos(?:ing|es|t)\b (?:\w+ ){0,3}?(?:years?|months?|weeks?|days?|hours?) of (?:\w+ )?"
                  r"(?:work|data|research|chats|history|files|notes|progress)\b|"
                  r"\b(?:cannot|can't|could not|couldn't|can no longer) be (?:recovered|restored|undone|retrieved)\b|"
                  r"\bpermanently (?:deleted|lost|erased|removed|wiped)\b|\bnothing came back\b|"
                  # real.write_down: the loss booked in the accounts: "a $304 million write-down"
                  r"\bwrite-?downs?\b|\bwr(?:ote|itten) down\b|"
                  # real.bill: a charge put on someone, with its sum: "a bill: $250", "bills of $195"
                  r"\b(?:bill(?:ed|s)?|invoiced?)\b[^.]{0,40}?[$£€]\s?\d|"
                  # real.money_burned: money used up with its sum: "burned ~$11k in credits",
                  # "racked up $4,000 in API fees"
                  r"\b(?:burn(?:ed|t)|blew|rack(?:ed|ing) up|ran up|running up|wasted)\b (?:through )?(?:[\w-]+ ){0,2}?~?[$£€]\s?\d|"
                  # real.goodwill_credit / real.no_refund: the seller makes good or refuses to:
                  # "they offered a $50 credit", "credited the hours back", "non-refundable", "all
                  # sales final"
                  r"\b(?:offered|gave|issued)\b[^.]{0,20}?[$£€]\s?\d[\d.,]*\s+(?:credit|voucher|refund|gift card)\b|"
                  r"\bcredited (?:[\w'-]+ ){0,4}?back\b|\bnon-?refundable\b|\ball sales (?:are )?final\b|"
                  # real.denied_travel: a traveller stopped on the strength of it: "denied boarding"
                  r"\b(?:denied|refused) (?:boarding|entry)\b|"
                  # real.accused_bias: the decisions called unfair to a group: "accused of sexism",
                  # "discriminated against women"
                  r"\baccused of (?:[\w-]+ )?(?:sexism|racism|bias|discrimination)\b|\bdiscriminat(?:ed|es|ing) against\b|"
                  # real.injury: someone hurt: "taken to hospital in critical condition"
                  r"\b(?:taken|rushed|admitted|airlifted) to (?:a |the )?hospital\b|\bcritical condition\b|"
                  r"\b(?:seriously|critically|badly) (?:injured|hurt)\b|"
                  # money the harm cost: "the duty owed", "underpaid duty", "a penalty", "fined"
                  r"\b(?:owe[sd]|underpaid|overcharged|penalt(?:y|ies)|fined)\b|"
                  # the market's verdict told as a loss: "erasing $100bn of market value" (a share
                  # price that "fell 4%" on an outlook is every earnings story's line)
                  r"\b(?:eras|wip|los|shed)\w*\b[^.]{0,40}?\bmarket (?:value|capitali[sz]ation)\b|"
                  # those who bore it complain formally: "the ombudsman received 200 complaints",
                  # "complaints were lodged" ("fans complained online" is chatter)
                  r"\b(?:received|filed|lodged|logged|\d[\d,]*)\b[^.]{0,25}?\bcomplaints\b|"
                  r"\bcomplaints (?:were|have been|had been) (?:filed|lodged|made)\b|"
                  # the responsible party answers for it: "accepted responsibility", "stood down
                  # the staff", work or a programme paused, published work corrected
                  r"\b(?:accepted|accepts|took|takes) (?:full )?responsibility\b|\bstood down\b|"
                  r"\bpaused\b|\bcorrect(?:ed|ions?)\b|\bdeactivated\b|"
                  # published work withdrawn: "the poll was later taken down", "took the post down"
                  r"\b(?:taken|took) (?:it |them |(?:the|that|this) [\w-]+ )?down\b(?! (?:\w+ ){0,3}(?:sites?|apps?|services?|websites?))|"
                  # the harm to a name, the public's anger: "damaging its reputation", "reputational
                  # harm", "readers reacted with fury", "outrage"
                  r"\bdamag\w* (?:its|their|his|her|our|the \w+'s) reputation\b|\breputational (?:damage|harm)\b|"
                  r"\breacted with (?:fury|anger|outrage|horror|disgust)\b|\boutrage\b|"
                  # the maker apologises in the first person: "We are sorry", "I'm deeply sorry"
                  r"\b(?:we|i)(?: are|'re| am|'m) (?:so |very |deeply |truly |really )?sorry\b|"
                  # the maker owns the failure in the first person: "we fell short", "we got it wrong"
                  r"\b(?:we|i) (?:\w+ )?(?:fell short|got (?:it|this|that) wrong|made (?:a )?mistakes?)\b|"
                  # real.owned_failure: the maker or user takes the blame in a phrase: "This one is on
                  # us", "That part is on us", "that one's on me"
                  r"\b(?:this|that|it)(?: one| part| bit)?(?: is|'s|’s| was) (?:all )?on (?:us|me)\b|"
                  # or says the fault was its own: "the fault was in its product", "the error was ours"
                  r"\bthe (?:fault|error|mistake|bug) (?:was|is|lay|lies) (?:ours|mine|theirs|in (?:its|our|their) (?:own )?"
                  r"(?:product|software|code|system|model|service))\b|"
                  # real.sent_to_wrong: people's documents gone to others (consequence.sent_to_wrong)
                  r"\b(?:sent|went|emailed|mailed|delivered|forwarded) (?:[\w'-]+ ){0,3}?to (?:the )?wrong (?:people|"
                  r"person|recipients?|customers?|tenants?|clients?|patients?)\b|\bsent to (?:someone|somebody) else\b|"
                  # or calls the output an error: "errors that should never have occurred"
                  r"\b(?:errors?|mistakes?) that should (?:never|not) have (?:occurred|happened)\b|"
                  # real people's data reachable: "the personal details of as many as 64 million people",
                  # "64 million application records", a default password ("123456", "admin")
                  r"\b(?:personal|private|sensitive) (?:details|data|information|records)\b[^.]{0,60}?"
                  r"\b\d[\d.,]*(?: (?:million|thousand|billion))? (?:\w+ )?(?:people|users|applicants|"
                  r"customers|patients|records|accounts|students|employees)\b|"
                  r"\b(?:\d{1,3}(?:,\d{3})+|\d[\d.]* (?:million|thousand|billion)) (?:\w+ )?records\b|"
                  r"\bpassword\b[^.]{0,25}?\b(?:123456\w*|password|admin)\b|"
                  r"\b(?:123456\w*)\b[^.]{0,25}?\b(?:password|credentials)\b|"
                  # real.detention: someone held by the police on the strength of it: "wrongly
                  # arrested", "spent hours in police custody", "the charges were dropped"
                  r"\bwrong(?:ful|ly) (?:arrest|detain|jail|imprison|accus|charg|convict)\w*\b|"
                  r"\bin (?:[\w-]+ )?(?:police )?custody\b(?! (?:of|by|with|accounts?|services?))|\bhandcuff(?:ed|s)\b|"
                  r"\b(?:dropped|dismissed) the (?:case|charges?)\b|\bcharges? (?:was|were) (?:later )?(?:dropped|dismissed)\b|"
                  # real.injury_named: a broken bone or a person said to be hurt: "broke the
                  # finger of a boy", "another child had been hurt", "in a plaster cast"
                  r"\bbr(?:oke|oken) (?:the |his |her |their |a |an )?(?:[\w'-]+ ){0,3}?(?:fingers?|hands?|arms?|legs?|"
                  r"feet|foot|wrists?|ankles?|ribs?|nose|jaw)\b|\bplaster cast\b|"
                  r"\b(?:was|were|been|got|had been) (?:\w+ )?(?:hurt|injured)\b|"
                  # real.out_of_service: the machines withdrawn: "has taken its robots out of service"
                  r"\b(?:taken|took|pulled|removed|parked) (?:[\w-]+ ){0,4}?out of (?:service|use|operation)\b|"
                  # the maker undoes its output: "revising the plan to correct this error"
                  r"\bcorrect (?:this|the|that|these) (?:errors?|mistakes?)\b|"
                  # real.unintended_exposure: the maker says what was made public never should have
                  # been: "Google never meant for those shared chats to be indexed"
                  r"\b(?:never|not) (?:meant|intended|supposed) (?:for )?(?:[\w'-]+ ){0,4}?to be (?:indexed|made public|"
                  r"public|searchable|published|sent|shared|exposed|recorded)\b")
#: Words of every business story that speak of consequences only beside a harmful deed:
#: "customers", "production" ("2,000 customers run an agent in production" is an earnings
#: line); a production system named ("the production database") is a consequence (``REAL``).
CONTEXT = re.compile(r"\bproduction\b|\bcustomers?\b")
#: A consequence denied just before it is named: "No data was lost", "Production was never
#: affected", "no customer data had been affected", "it didn't leak".
#: The denial reaches over a coordination ("no data has been lost or wiped").
NEGATED = re.compile(r"(?:\b(?:no|not|never|nothing|none|nobody(?:'s|’s)?)(?!['’\w])(?:\s+[\w-]+){0,4}(?:\s+[\w-]+\s+(?:or|nor))?|"
                     r"n't(?:\s+[\w-]+){0,2})\s+$")
RESEARCH = re.compile(r"\bvulnerabilit|\bcve-\d|\bcvss\b|\bresearchers?\b|\bproof[- ]of[- ]concept\b|"
                      r"\bpoc\b|\bdisclos|\bpatch(?:ed)?\b|\bcould (?:allow|let|enable|have)\b|\bbug bounty\b|"
                      r"\bdemonstrat|\bexploit(?:ed|able|s)?\b|\bsecurity (?:firm|researcher|team)\b|"
                      r"\brce\b|\bremote code execution\b|\battack(?:er)? could\b|\bpotential(?:ly)?\b|"
                      # genre.survey: an opinion poll tells fears, not deeds: "survey finds",
                      # "in a poll of 2,000 adults", "64% of respondents said"
                      r"\bsurvey (?:finds|found|shows|showed|suggests)\b|\b(?:a|the) (?:poll|survey) of [\d,]+\b|"
                      r"\brespondents\b|\bthe (?:survey|poll) also\b")
LAUNCH = re.compile(r"\blaunch(?:es|ing)?\b|\blaunched\b"
                    # launch.compute_started: machines started, a deed told in the past, no product
                    # launched: "had launched and relaunched hundreds of GPU build runners"
                    r"(?! (?:[\w,-]+ ){0,6}?(?:instances|runners|servers|vms|containers|jobs|pods|processes|"
                    r"builds|workers|nodes|clusters)\b)|\bannounc|\bintroduc|\bnow available\b|\bpricing\b(?! (?:algorithm|model|software|tool|engine|system)s?\b)|"
                    r"\bgenerally available\b|\bwaitlist\b|\bsign up\b|\bfeatures?\b|\bbeta\b|\bunveil|"
                    # launch.funding: a start-up's money news: "raised a $40m Series B", "closed a
                    # $22m round", "at a valuation of"
                    r"\braised (?:a |an )?[$£€]\s?\d|\bseries [a-e]\b(?: (?:round|funding))?|\bfunding round\b|"
                    r"\bclosed (?:a |an )?[$£€]?\s?\d[\w.]* (?:funding |seed |series [a-e] )?round\b|\bvaluation\b")
RESEARCHER = re.compile(r"\bresearchers?\b|\bproof[- ]of[- ]concept\b|\bpoc\b|\bdemonstrat|\bstudy\b|\bsample\b|"
                        # researcher.induced: the writers made the agent do it: "we got an
                        # open-source coding agent to read a planted file", "we tricked it into"
                        r"\bwe (?:got|tricked|coaxed|persuaded|convinced|induced) (?:it|them|the [\w-]+|(?:an?|\d+|two|three|four|"
                        r"five|six|several|some|all|both|most) [\w-]+(?: [\w-]+){0,2}) (?:to|into)\b")
#: Hedges and demos: a modal, an attacker's hypothetical, researchers at work ("security
#: researchers showed"), a condition. A researcher who is the victim ("an AI safety
#: researcher says the agent deleted her inbox") is not a demo. Also the habitual and the
#: attempted, which tell no one deed: a recurring kind of story ("every few weeks a story
#: goes round about an agent that wiped..."), what something tends to do ("attacks that try
#: to send data out").
HABITUAL = re.compile(r"\bevery (?:few |couple of |other )?(?:days?|weeks?|months?|years?|time)\b|"
                      r"\bwhenever\b|\btr(?:y|ies) to\b|"
                      # hedge.hearsay: deeds known from others' tales, not the writer's report: "I've
                      # read the horror stories (deleted databases, wiped drives)"
                      r"\b(?:read|reading|heard|hearing|seen|seeing)\b (?:all |about )?(?:the |those |these |some |many |"
                      r"plenty of |enough |at least one |one |a (?:few|lot of|bunch of) |an? )?(?:recent |horror |war |scary |other )?"
                      r"(?:stories|threads|anecdotes|tales|headlines?|news stories)\b|"
                      # hedge.prevented_deed: the deed is what a safeguard keeps from happening, not
                      # what happened: "How to keep a coding agent from deleting your database",
                      # "stops agents from writing secrets", "blocks anything that would delete
                      # data" ("didn't stop it from deleting" tells the deed)
                      r"(?<!n't )(?<!not )(?<!never )(?<!failed to )\b(?:keeps?|keeping|stops?|stopping|prevents?|"
                      r"preventing|blocks?|blocking)\b (?:[\w'’-]+ ){0,4}?from \w+ing\b|"
                      r"\b(?:anything|everything|whatever|any (?:[\w-]+ )?(?:commands?|actions?|calls?|requests?))"
                      r" (?:that |which )?(?:would|might) (?:\w+ )?(?:delete|wipe|drop|destroy|leak|expose|remove|"
                      r"overwrite|tear|send|spend|modify|change)\b|"
                      # hedge.generic_when: what happens whenever something goes wrong, told of no
                      # one: "When something leaks or gets deleted, you want the logs"
                      r"\b(?:when|once|if) (?:something|anything|things|stuff)\b")
#: Pattern hedge.comparative_modal: a modal in a comparison states a fact, not a possibility
#: ("bought houses for more than they could be resold for", "faster than it can be read");
#: removed before ``HEDGED`` is looked for (:func:`hedged`).
COMPARATIVE_MODAL = re.compile(r"\bthan (?:[\w-]+ ){0,2}(?:could|can|might)\b|"
                               # hedge.anyone_could: what the deed let anyone do, in a clause after
                               # it, is the harm stated ("shipped the keys to the browser, where
                               # anyone could read them")
                               r"\b(?:where|so that|so) (?:anyone|anybody|everyone|any [\w-]+)\b[^.,;]{0,60}?"
                               r"\b(?:could|can|might)\b|"
                               # hedge.reported_permission: the modal inside what someone was told is
                               # the told content, not the writer's doubt ("it told bosses they could
                               # pocket workers' tips", "telling employers they can take a cut")
                               r"\b(?:told|tell(?:s|ing)?|advis(?:ed|es|ing)|assur(?:ed|es|ing))\b (?:[\w'’-]+ ){1,3}?"
                               r"(?:that )?(?:they|you|he|she|we|it) (?:could|can|may|might)\b")
#: Pattern relevance.staged_demo: what a product was shown doing on stage or in a rehearsed
#: exercise ("In a live demo, the agent was shown a staged outage", "In a second scenario it
#: deleted 40 GB", "a simulated attack") is no deed and no consequence. A public demo put
#: online for anyone to use ("released a public demo of the model") is a deployment, not this.
STAGED = re.compile(r"\b(?:live|on-?stage|launch|keynote|staged|scripted) demo(?:nstration)?s?\b|"
                    r"\bdemo(?:nstration)?s? (?:at|during) (?:the |a |its |their )?(?:[\w'-]+ ){0,2}?(?:launch|event|"
                    r"keynote|conference|showcase)\b|"
                    # a rehearsed failure, not git's staging area or a staged rollout
                    r"\bstaged (?:outages?|incidents?|attacks?|failures?|emergenc(?:y|ies)|breach(?:es)?|exercises?)\b|"
                    r"\b(?:in|during) (?:a|an|one|another|each|its|their) (?:[\w-]+ ){0,2}?scenarios?\b|"
                    r"\bsimulat(?:ed|ion)\b|"
                    # relevance.lab_demo: a deed done in a lab on fake data ("In a lab set up for
                    # this work, we got the agent to...", "on our own machines with fake data",
                    # "in a separate run") is an experiment, no incident
                    r"\bin (?:a|an|our|the) (?:[\w-]+ )?lab\b(?! (?:results?|tests?) (?:showed|found))|"
                    r"\b(?:with|using|on|holding|seeded with) (?:[\w-]+ )?(?:fake|dummy|made-up|synthetic|planted|decoy) "
                    r"(?:data|keys|credentials|records|accounts|customers|secrets)\b|\bon our own machines\b|"
                    r"\b(?:in|during) (?:a|another|one|each) (?:separate |second |third |later |test |further )?"
                    r"(?:runs?|experiments?)\b|"
                    # relevance.contest_sandbox: a security contest or a controlled test with
                    # decoy secrets: "in our CTF sandbox", "a capture-the-flag track", "a
                    # controlled demo", "leaked at least one canary", "canary tokens"
                    r"\b(?:ctfs?|capture[- ]the[- ]flag)\b|\bcontrolled (?:demo(?:nstration)?|experiments?|tests?|"
                    r"exercises?|environments?)\b|\bcanary (?:tokens?|values?|secrets?|credentials|keys?|strings?)\b|"
                    r"\bleak\w* (?:[\w-]+ ){0,3}?canar(?:y|ies)\b")
#: Pattern hedge.imagine: the reader asked to picture a deed ("Imagine an agent that cancels a
#: direct debit") is told of none.
HEDGED = re.compile(r"\b(?:could|might|may|can|cannot|can't)\b|\battackers?\b|(?<!\bas )\bif\b|"
                    r"(?<!safety )(?<!alignment )\bresearchers?\b|"
                    # "imagine my surprise when it deleted..." tells the deed
                    r"\bimagine\b(?! (?:my|our|his|her|their) (?:surprise|horror|shock|dismay)|"
                    r" the (?:look|panic))|" + HABITUAL.pattern + "|" +
                    STAGED.pattern)
#: Satire as the material an AI drew on ("drew on a satirical article", "leaned on satire",
#: "less use of satire") is not the report's own form, and is not counted.
UNREAL = re.compile(r"(?<!on )(?<!on a )(?<!from )(?<!from a )(?<!use of )\bsatir|"
                    r"\bparody\b|\bhypothetical|(?<!n't )(?<!not )\bimagine\b(?! being| how| what)|\bfictional scenario|\btemplate\b|"
                    r"\[(?:company|name|date|product)[^\]]*\]|\{\{|\blorem ipsum\b|\bthought experiment\b|"
                    # genre.hypothetical_scene: the reader asked to picture a scene: "Picture the
                    # scenario.", "Picture this:", "Consider a scenario where..."
                    r"\bpicture (?:the|this|a) (?:scenario|scene|situation)\b|^\W*picture this\b|"
                    r"\b(?:consider|take|imagine) (?:a|the|this) (?:hypothetical |typical )?scenario\b")
#: What an AI made and published (images, a poll, answers, posts), described as offensive or
#: insensitive: the judgement after it ("the images it produced were offensive", "the results
#: were embarrassing and wrong") or before it ("an inappropriate AI-generated poll", "racist
#: replies"). A part of ``CONSEQUENCE``.
_OUTPUT = (r"(?:images?|pictures?|photos?|polls?|quiz(?:zes)?|answers?|responses?|replies|posts?|content|"
           r"outputs?|messages?|headlines?|articles?|results?|comments?|remarks?|tweets?|captions?)")
_OFFENSIVE = (r"(?:offensive|insensitive|inappropriate|racist|sexist|antisemitic|hateful|"
              r"distasteful|tasteless|embarrassing|disturbing|derogatory|bigoted)")
OFFENSIVE_OUTPUT = (rf"\b{_OUTPUT}\b(?: (?:that |which |it |they |the \w+ )?[\w-]+){{0,3}}? (?:was|were|"
                    rf"seemed|looked)\b[^.;]{{0,30}}?\b{_OFFENSIVE}\b|"
                    # before it: an AI's output, or one it published ("posted racist replies")
                    rf"\b{_OFFENSIVE}(?:,? (?:and )?\w+)? (?:ai|a\.i\.|machine|computer|auto)[- ]?"
                    rf"(?:generated|written|made) {_OUTPUT}\b|"
                    rf"\b(?:posted|published|produced|generated|gave|showed|displayed|wrote|sent|served|"
                    rf"returned|created)\b(?: [\w-]+){{0,2}}? {_OFFENSIVE}(?:,? (?:and )?\w+)? {_OUTPUT}\b|")
#: Deeds with consequences for someone that the action cues do not type, told in the past
#: tense: buying or paying, pushing over others' work, blocking or switching off, booking,
#: sending to everyone, giving advice people followed. "Paid" after a determiner is an
#: adjective ("a paid robotaxi service"), no payment.
CONSEQUENCE = re.compile(r"\b(?:(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bits )paid|bought|purchased|ordered|sold|charged|force[- ]?pushed|"
                         r"pushed --force|reset|blocked|locked|froze|switched off|turned off|"
                         r"shut off|booked|double-booked|emailed|texted|messaged|(?:told|tells|telling|promised) (?:them|him|her|everyone|"
                         r"users|customers|people|patients|callers|shoppers|staff|readers|viewers|listeners|followers|"
                         r"subscribers|parents|students|(?:a |an |the )?(?:[\w-]+ ){0,2}(?:\d+-year-old|child|kid|boy|girl|"
                         r"teen(?:ager)?|minor|man|woman|widow(?:er)?|retiree|pensioner)s?|"
                         # those the answer was for: "told bosses they could keep tips"
                         r"(?:[\w-]+ )?(?:bosses|employers|landlords|tenants|workers|employees|passengers|"
                         r"travell?ers|owners|businesses))|advised|"
                         r"recommended|summari[sz]ed|vanished|disappeared|transferred|"
                         r"sent (?:[$£€]|us\$)?\d[\d.,]*)\b|"
                         # sending to everyone: "sends every employee's salary to the whole company"
                         r"\bsen(?:t|ds?|ding) (?:[\w'-]+ ){0,5}to (?:(?:the|our|my|their|his|her|its) (?:whole|entire)|"
                         r"all|every|everyone)\b|"
                         # consequence.replied_all: an answer sent to everyone on a thread: "replied-all
                         # to 60 clients with our payroll spreadsheet attached"
                         r"\brepl(?:ied|ying|ies)[- ]all\b|\breply-all(?:ed)?\b|"
                         # consequence.secret_published: keys or secrets put where anyone can read
                         # them: "committed .env with live keys to a public repo", "pushed to my
                         # public GitHub repo, including .env, which held a live secret key"
                         # (a dot before a word, ".env", is no sentence end)
                         r"\b(?:committed|pushed|published|uploaded|posted)\b(?:[^.]|\.(?=\w)){0,80}?"
                         r"(?:\b(?:keys?|secrets?|tokens?|credentials|passwords?)\b|\.env\b)(?:[^.]|\.(?=\w)){0,40}?\bpublic\b|"
                         r"\b(?:committed|pushed|published|uploaded|posted)\b[^.]{0,20}?\bpublic (?:github |gitlab )?"
                         r"(?:repo|repository)\b(?:[^.]|\.(?=\w)){0,80}?(?:\b(?:keys?|secrets?|tokens?|credentials|"
                         r"passwords?)\b|\.env\b)|"
                         # consequence.secret_sent_out: a secret sent to someone outside: "a step that
                         # sent the project's publishing token to an outside server"
                         r"\b(?:sent|posted|uploaded|forwarded|copied|leaked|exfiltrated|shipped)\b (?:[\w'’-]+ ){0,5}?"
                         r"(?:tokens?|keys?|credentials|secrets?|passwords?|cookies)\b (?:[\w'’-]+ ){0,2}?to (?:an? |the |their )?"
                         r"(?:outside|external|remote|third-party|attacker(?:'s|s')?|unknown|foreign) ?(?:[\w-]+)?\b|"
                         # consequence.scaled_to_zero: a running service scaled down to nothing:
                         # "scaled the broker StatefulSet down, to zero replicas", "scaled Kafka to zero"
                         r"\bscaled (?:[\w-]+,? ){0,5}?(?:to zero|to 0)\b|"
                         # consequence.self_approved: an agent that merges or approves its own
                         # change past review: "It then merges its own PR", "approved its own pull request"
                         r"\b(?:merg|approv|deploy|ship)(?:ed|es|ing|s)? (?:its|their) own (?:[\w-]+ )?(?:prs?|pull requests?|"
                         r"changes?|branch(?:es)?|commits?|code|merge requests?)\b|"
                         # consequence.acted_unasked: the agent went ahead without asking: "It did not
                         # ask.", "the agent never asked for confirmation", "checked out without asking"
                         r"\b(?:it|they|the (?:[\w-]+ )?(?:agent|assistant|bot|model|tool))\b (?:did not|didn't|never) "
                         r"(?:ask|check|confirm)(?:ed)?\b(?=\W*$| (?:first|before|for (?:permission|confirmation|approval)))|"
                         # consequence.gave_away: the seller's money handed out by it: "handed out 90% off
                         # codes", "gave away free upgrades"
                         r"\b(?:hand(?:ed|ing|s)?|g[ai]v(?:e|es|ing)) (?:out|away)\b[^.]{0,40}?\b(?:codes?|discounts?|"
                         r"coupons?|vouchers?|refunds?|credits?|free|\d+% off)\b|"
                         # consequence.wrong_pick: the wrong one of two acted on: "picked the wrong
                         # payee", "booked the wrong Sydney", "cancelled the wrong direct debit"
                         r"\b(?:picked|chose|chosen|selected|booked|cancell?ed|paid|deleted|moved|charged|"
                         r"called|emailed|messaged|refunded|blocked|closed|removed) (?:[\w'-]+ )?the wrong\b|"
                         # or what was bought for it: "four tickets to the wrong Sydney"
                         r"\b(?:tickets?|flights?|fares?|bookings?|payments?|orders?|parcels?) (?:to|for) the wrong\b|"
                         # consequence.sent_to_group: something private sent to a group chat: "sent our
                         # scan photo to my work group chat"
                         r"\bsen(?:t|ds?|ding) (?:[\w'-]+ ){0,5}to (?:my|our|the|a|his|her|their) (?:[\w-]+ ){0,2}?"
                         r"group (?:chat|thread|text)s?\b|"
                         # consequence.isolated_machines: machines cut off the network in numbers:
                         # "isolated roughly 3,400 computers", "cut off 3,400 county PCs"
                         r"\b(?:isolated|quarantined|disconnected|cut off|locked out) (?:[\w,'-]+ ){0,3}?"
                         r"(?:computers|machines|devices|pcs|endpoints|servers|laptops|hosts|workstations|terminals|"
                         r"consoles)\b|"
                         # consequence.sent_to_list: to a mailing list, its size told: "sent my private
                         # notes to a 412-person distribution list"
                         r"\bsen(?:t|ds?|ding) (?:[\w':-]+ ){0,5}to (?:a |an |the )?(?:[\d,]+-(?:person|people|member|"
                         r"recipient) |company-wide |all-staff |whole |entire )?(?:distribution|mailing|email) list\b|"
                         # consequence.sent_to_wrong: people's documents sent to the wrong people:
                         # "went to the wrong people in 1,400 replies", "had documents sent to someone else"
                         r"\b(?:sent|went|emailed|mailed|delivered|forwarded|shared|attached)\b (?:[\w'-]+ ){0,3}?to (?:the )?"
                         r"wrong (?:people|person|recipients?|customers?|addresses?|tenants?|inbox(?:es)?|clients?|"
                         r"patients?)\b|\bsent to (?:someone|somebody) else\b|"
                         # the maker admits the output failed: "Gemini image generation got it wrong"
                         r"\bgot (?:it|this|that|things|(?:\w+ ){0,2}(?:answers?|facts?)) (?:badly |very |so )?wrong\b|"
                         # a headline's word for a wrong output: "chatbot flubs telescope answer"
                         r"\b(?:flub|botch|bungl|fluff)\w*\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+)?"
                         r"(?:answers?|facts?|questions?|repl(?:y|ies)|response|summary|summaries|claims?)\b|"
                         # an output published, then called offensive: "the images it produced were
                         # inaccurate, and some were offensive", "an inappropriate AI-generated poll",
                         # "the answers were racist" (OFFENSIVE_OUTPUT)
                         + OFFENSIVE_OUTPUT +
                         # or calls it an error: "these responses were errors", "the answers were a mistake"
                         rf"\b{_OUTPUT}\b[^.]{{0,60}}? (?:was|were) [\"“']?(?:an? )?(?:errors?|mistakes?)\b|" +
                         # caught in the act: "has been caught suggesting...", "was caught inventing"
                         r"\b(?:been|was|were|got|is|are) caught \w+ing\b|"
                         # a destructive command run: "it ran git clean -fdx", "executed rm -rf"
                         # (consequence.command_done: "the script did rm -rf on a path", "the
                         # command ended up as rm -rf ~/")
                         r"\b(?:ran|runs|executed|executes|issued|typed|did|does|performed|ended up as|expanded to|"
                         r"turned into)\W+(?:[^.]{0,30}?\bthen\W+)?(?:git clean|git reset --hard|"
                         r"git push (?:-f|--force)|git restore|git checkout (?:--|\.)|git stash (?:drop|clear)|rm -rf|"
                         r"drop (?:table|database)|terraform destroy|kubectl delete)\b|"
                         # a wrong answer shown or told as fact: "the summary falsely said", "generated
                         # a false headline", "suggested mixing glue into the sauce", "misrepresented"
                         r"\bfalsely (?:say|said|says|claim|state|report|summari[sz]|announc|accus|told|tell|"
                         r"describ|list|nam|attribut)\w*\b|\bmis(?:represent|describ|stat|report|quot|translat|identif)\w*\b|"
                         r"\b(?:generated|produced|gave|showed|displayed|wrote|published|invented|served)\s+"
                         r"(?:(?:a|an|the|several|many|some)\s+)?(?:false|fake|wrong|incorrect|inaccurate|"
                         r"misleading|made-up|fabricated|bogus)\b|"
                         r"\b(?:suggested|recommended|advised|urged) (?:\w+ )?(?:\w+ing)\b|"
                         # people's data left reachable: "exposed the personal information of", "left
                         # applicants' details open behind a '123456' password"
                         r"\bexpos(?:ed|es|ing)\b[^.]{0,40}?\b(?:personal|private|sensitive)\b|"
                         r"\bleft\b[^.]{0,60}?\b(?:open|exposed|unprotected|accessible|"
                         r"behind (?:a|the|an)\b[^.]{0,20}?\bpassword)\b|"
                         # an AI-made piece run under an outlet's name: "MSN ran an AI-written
                         # obituary", "the site published AI-generated reviews"
                         r"\b(?:ran|published|posted|printed|aired|put up|carried)\s+(?:(?:a|an|the|its|their)\s+)?"
                         r"(?:[\w-]+\s+)?(?:ai|a\.i\.|chatbot|bot)[- ](?:written|generated|produced|made|authored|"
                         r"mangled)\b|"
                         # dangerous advice: "suggests a recipe that makes chlorine gas"
                         r"\b(?:suggest|recommend|advis|offer|told|tell)\w*\b[^.]{0,60}?"
                         r"\b(?:poison\w*|bleach|chlorine|ammonia|toxic|lethal|deadly|overdose)\b|"
                         # consequence.paying_out: "steered into paying $184,000 to fraudsters"; a
                         # spree of orders ("the AI tool's ordering spree"); money used up with its
                         # sum ("burned ~$11k in ACUs", real.money_burned)
                         r"\bpaying (?:out )?(?:about |nearly |more than |over )?[$£€]\s?\d|"
                         r"\b(?:ordering|buying|spending|shopping|purchasing|booking|trading) spree\b|"
                         r"\b(?:burn(?:ed|t)|blew|rack(?:ed|ing) up|ran up|running up|wasted)\b (?:through )?(?:[\w-]+ ){0,2}?~?[$£€]\s?\d|"
                         # consequence.accused_bias: decisions said to be unfair to a group: "credit
                         # algorithm accused of sexism", "discriminated against older applicants"
                         r"\baccused of (?:[\w-]+ )?(?:sexism|racism|bias|discrimination)\b|\bdiscriminat(?:ed|es|ing) against\b|"
                         # consequence.bill: a charge put on someone with its sum: "presented him
                         # with a bill: $250", "bills of around $195", "billed her £80"
                         r"\b(?:presented|sent|issued|handed|hit|slapped)\b[^.]{0,20}?\bwith (?:a|an|the) "
                         r"(?:[\w-]+ ){0,2}(?:bill|charge|invoice|fine|fee)\b|"
                         r"\b(?:bill(?:ed|s)?|invoiced?|charges?)\b[^.]{0,25}?[$£€]\s?\d|"
                         # consequence.rejection: people or their claims turned away by a decision:
                         # "screened out female applicants", "rejected older candidates", "denied
                         # the claims"
                         # consequence.downgraded: people's marks or standing lowered by a decision:
                         # "downgraded nearly 40% of predicted results", "grades had been lowered"
                         r"\bdowngrad(?:ed|es|ing)\b (?:[\w%'-]+ ){0,5}?(?:results?|grades?|marks?|scores?|students?|"
                         r"pupils?|ratings?|applicants?)\b|\b(?:grades?|marks?|scores?|results?)\b[^.]{0,30}?\b(?:were|was|"
                         r"had been|have been) (?:lowered|downgraded|marked down|cut)\b|"
                         # consequence.withdrawn_after_complaint: the product pulled because of what it
                         # did: "Google removes Gemma from AI Studio after senator's defamation complaint"
                         r"\b(?:remov|pull|withdr[ae]w|suspend|disabl|shut)\w*\b[^.]{0,60}?\bafter\b[^.]{0,50}?"
                         r"\b(?:complaints?|backlash|outcry|lawsuits?|suits?|uproar|criticism|errors?|mistakes?|"
                         r"fabricat\w+|false (?:claims?|allegations?|answers?))\b|"
                         # consequence.false_flag: lawful content removed or flagged as a breach: "flagged
                         # the post as hate speech", "removed it for violating community standards"
                         r"\b(?:flagged|removed|pulled|blocked|took down|taken down|deleted|labell?ed)\b[^.]{0,80}?\b(?:as|for) "
                         r"(?:[\w-]+ )?(?:hate speech|spam|violating|violent|nudity|misinformation|extremis\w+|"
                         r"terroris\w+|(?:a )?violation)\b|"
                         r"\b(?:reject(?:ed|s|ing)?|screened out|screens out|turned (?:away|down)|denied|"
                         r"disqualified|weeded out)\b (?:[\w-]+ ){0,4}?(?:applicants?|candidates?|job[- ]seekers|"
                         r"claims?|applications?|claimants|borrowers|tenants|patients|loans?|mortgages?|benefits)\b|"
                         r"\b(?:applicants?|candidates?|claimants|claims|applications)\b[^.]{0,40}?\b(?:were|was|had been) "
                         r"(?:automatically |wrongly |unfairly )?(?:rejected|turned (?:away|down)|screened out|denied|"
                         r"disqualified)\b|"
                         # consequence.bodily_harm: a machine that hurt someone: "ran over a woman",
                         # "dragged her along the road", "struck a cyclist"
                         r"\b(?:ran over|run over|dragged|struck|crashed into|collided with|rammed|pinned)\b "
                         r"(?:[\w-]+ ){0,2}?(?:pedestrians?|cyclists?|woman|man|women|men|person|people|"
                         r"child(?:ren)?|boy|girl|her|him|them|driver|passengers?|motorcyclists?|toddlers?|infants?|babies|baby|"
                         r"shoppers?|students?|players?|opponents?|workers?|\d+-(?:month|year)-old|cats?|dogs?|pets?|"
                         r"animals?)\b|"
                         # consequence.struck_by_vehicle: the victim told first or as the object
                         # between verb and particle: "a driverless car ran him over", "he was hit
                         # by a robotaxi as it pulled away"
                         r"\b(?:ran|runs|run) (?:him|her|them|it|a [\w-]+) over\b|"
                         r"\b(?:was|were|been|got) (?:hit|struck|run over|killed|dragged) by (?:a|an|the) (?:[\w-]+ ){0,3}?"
                         r"(?:cars?|vehicles?|robotaxis?|taxis?|trucks?|shuttles?|robots?)\b|"
                         # consequence.machine_injury: a machine that knocks people down or breaks a
                         # limb: "knocked over a 16-month-old boy", "broke the finger of a boy"
                         r"\b(?:knock(?:ed|s|ing)? (?:over|down)|rolled over|running over|ran into|grabbed|pinned)\b "
                         r"(?:[\w'-]+ ){0,3}?(?:pedestrians?|cyclists?|wom[ae]n|m[ae]n|person|people|child(?:ren)?|boy|girl|"
                         r"toddlers?|infants?|baby|shoppers?|students?|players?|opponents?|workers?|\d+-(?:month|year)-old|"
                         r"(?:his|her|their) (?:fingers?|hands?|arms?|legs?|feet|foot))\b|"
                         r"\bbr(?:oke|eaks?|eaking) (?:the |his |her |their |a |an )?(?:[\w'-]+ ){0,3}?(?:fingers?|hands?|arms?|"
                         r"legs?|wrists?|ankles?|ribs?|nose|jaw)\b|"
                         # consequence.vehicle_manoeuvre: a car that drives itself braking or swerving
                         # on its own: "slammed on the brakes", "the car braked hard", "phantom braking"
                         r"\bslam(?:med|s|ming)? on the brakes?\b|\bbrak(?:ed|es|ing) (?:hard|suddenly|sharply|violently)\b|"
                         r"\bphantom brak\w*|\bswerv(?:ed|es|ing) (?:into|across|toward|towards)\b|"
                         # consequence.detention: a person arrested or held on the strength of it:
                         # "detained him for questioning", "put him in handcuffs", "led to her arrest"
                         r"\b(?:wrongly |wrongfully |falsely |mistakenly )?(?:arrested|detained|handcuffed|jailed)\b|"
                         r"\bin (?:[\w-]+ )?(?:police )?custody\b(?! (?:of|by|with|accounts?|services?))|\bin handcuffs\b|\bwrongful arrests?\b|"
                         r"\b(?:led|leading|leads) to (?:[\w'-]+ ){0,3}?arrests?\b|"
                         # consequence.private_recording: people's private talk sent or made public:
                         # "sent audio files of them talking", "leaking confidential audio data",
                         # "Google is indexing people's shared conversations"
                         r"\b(?:sent|sends|forwarded|leaked|leaking|published|index(?:ed|es|ing)|exposed)\b (?:[\w'-]+ ){0,4}?"
                         r"(?:conversations?|recordings?|audio (?:files?|clips?|data|snippets?)|chats|voice (?:clips?|notes?))\b|"
                         r"\b(?:conversations?|recordings?|chats|audio (?:files?|clips?|data))\b (?:[\w'-]+ ){0,4}?"
                         r"(?:were|was|had been|have been|being) (?:sent|leaked|published|indexed|exposed|made public)\b|"
                         # consequence.money_sent: funds paid out or sent with their sum: "sent the
                         # entire pool, 13.19 ETH", "talked into paying out its prize pool"
                         r"\b(?:sent|transferred|drained)\s+(?:[\w-]+,?\s+){0,3}(?:[$£€]\s?\d|\d[\d.,]*\s*(?:eth|btc|"
                         r"usdc|sol|dollars|pounds|euros)\b)|\bpa(?:id|ying|ys) out\b|"
                         # consequence.broadcast_trigger: a broadcast that sets off people's speakers:
                         # "the TV ad deliberately triggers Google Home speakers"
                         r"\b(?:ads?|adverts?|advertisements?|commercials?|broadcasts?|tv|television|clip|video|segment)\b"
                         r"[^.]{0,40}?\b(?:trigger\w*|wak(?:es|ing|e) up|woke|set(?:s|ting)? off|activat\w*|hijack\w*)\b"
                         r"[^.]{0,30}?\b(?:speakers?|assistants?|devices?|echos?|homes?)\b|"
                         # consequence.acted_on_output: people penalised because a system said so:
                         # "failing his class because ChatGPT said it wrote the papers"
                         r"\b(?:fail(?:ed|ing|s)?|fired|arrested|expelled|suspended|accused|denied|rejected|banned|flunk\w*)\b"
                         r"[^.]{0,80}?\bbecause\b[^.]{0,40}?\b(?:said|says|told|claimed|flagged|decided|thought)\b|"
                         # consequence.admitted_malfunction: the maker says it did not work as meant:
                         # "our algorithm clearly did not work the way it was supposed to"
                         r"\b(?:did not|didn't|does not|doesn't) work (?:the way|as) (?:it was |it is |it's )?"
                         r"(?:supposed to|intended|designed|expected|meant to)\b|"
                         # consequence.altered_likeness: a real person's picture changed by the
                         # machine: "her body altered", "the outfit made more revealing"
                         r"\b(?:body|chest|breasts?|face|outfit|dress|clothes|clothing|likeness|photo|image)\b"
                         r"[^.]{0,20}?\b(?:altered|sexuali[sz]ed|doctored|made (?:\w+ )?(?:bigger|larger|"
                         r"more revealing|revealing))\b|"
                         # consequence.vehicle_collision: a car that drives itself hitting an object
                         # or steering someone into it: "struck a concrete lane divider", "the system
                         # steered him into that barrier"
                         r"\b(?:steered|swerved|drove|veered|crashed|slammed|ploughed|plowed)\s+(?:(?:him|her|them|it|"
                         r"the car|the vehicle)\s+)?into\s+(?:a|an|the|that|this)\s+(?:[\w-]+\s+){0,2}?(?:barriers?|"
                         r"dividers?|medians?|walls?|poles?|trucks?|trees?|guardrails?|(?:oncoming )?traffic|"
                         r"vehicles?|cars?|bus(?:es)?)\b|"
                         r"\b(?:struck|hit|rammed) (?:a|an|the) (?:[\w-]+ ){0,2}?(?:barrier|divider|median|wall|pole|"
                         r"(?:fire )?truck|tree|guardrail|parked car)s?\b|"
                         # consequence.traffic_violation: a car that drives itself breaking the rules of the
                         # road: "drove past stopped school buses", "ran a red light"
                         r"\b(?:passed|drove (?:past|around)|pulled around|went around|overtook)\s+(?:a |the )?"
                         r"(?:stopped |halted )?(?:school bus(?:es)?|stopped (?:[\w-]+ )?bus(?:es)?)\b|"
                         r"\bran (?:a |the )?(?:red lights?|stop signs?)\b|\binto (?:the )?oncoming (?:lane|traffic)\b|"
                         # consequence.secrets_shipped: credentials put where anyone can take them:
                         # "shipped secrets to the client", "hard-coded the API keys in the front end"
                         r"\b(?:shipped|exposed|leaked|hard-?coded|embedded|committed|bundled|put)\s+(?:(?:the|its|his|her|"
                         r"their|all|every)\s+)?(?:[\w-]+\s+)?(?:secrets?|api keys?|keys|credentials|tokens|passwords)\s+"
                         r"(?:to|in|into)\s+(?:the |a )?(?:public |client-side )?(?:client|front[- ]?end|browser|"
                         r"bundle|repo(?:sitory)?)\b|"
                         r"\bleft (?:the |its |his |her |their )?(?:[\w-]+ )?(?:database|bucket|storage|api|backend)"
                         r" (?:world-)?(?:writable|readable|public|open)\b|"
                         # consequence.led_to_fraud: an answer that put people in a fraudster's hands:
                         # "the AI answer connected him to a scammer", "directed callers to a fake line"
                         r"\b(?:connected|directed|sent|routed|pointed|led|steered|referred)\s+(?:[\w'-]+\s+){0,2}?to\s+"
                         r"(?:a |an |the )?(?:scam(?:mers?)?|fraudsters?|fake|bogus|fraudulent|impostors?)\b")
#: Pattern relevance.cause_cleared: the harm put down to another cause, the AI struck off
#: after it ("was caused by human error in our infrastructure, not by our AI",
#: relevance.cause_then_not_ai), or the AI said to have had no way to what was harmed ("the
#: chatbot itself did not have access to the server", relevance.ai_had_no_access). A part of
#: ``DENIED_AI``; it also takes the headline's harm from the AI (relevance.headline_disowned).
CAUSE_CLEARED_PATTERN = (
    r"\b(?:caused|done|triggered|made) by\b[^.;]{0,60}?,? (?:and )?not by (?:an? |the |your |our |its |their |any )?"
    r"(?:ai|a\.i\.|agents?|llms?|bots?|chatbots?|assistants?|models?)\b|"
    r"\b(?:ai|agent|llm|bot|chatbot|assistant|model)(?: itself)? (?:did not|didn't|had not|hadn't|does not|doesn't|"
    r"never had|has no|had no) (?:have )?access to\b")
CAUSE_CLEARED = re.compile(CAUSE_CLEARED_PATTERN)
#: An AI's part denied: "court says no AI involved", "written in a word processor without any
#: AI features", "an AI didn't write or run this", "Nothing in that chain involved a language
#: model", "not caused by an agent", "the assistant itself had not malfunctioned", "No AI, no
#: agent", "No LLM required". A report of a non-AI failure says so because readers suspected an AI.
DENIED_AI = re.compile(
    CAUSE_CLEARED_PATTERN + "|" +
    r"\bno (?:[\w-]+ )?(?:ai|a\.i\.|agents?|bots?|chatbots?|llms?|language models?)\b(?: \w+){0,2} "
    r"(?:involved|used|touched|played|was used|were used|was involved|required|needed)\b|"
    # the terse list of a thread's reply: "No AI, no agent, nothing deleted."
    r"\bno (?:ai|a\.i\.|agents?|bots?|chatbots?|llms?), no\b|"
    # relevance.denied_ai_list: the AI struck off a list of suspects, anywhere in it: "No
    # villain, no rogue agent, just a limit someone picked", "no hack, no AI"
    r"\bno [\w-]+, no (?:[\w-]+ )?(?:ai|a\.i\.|agents?|bots?|chatbots?|llms?|models?)\b|"
    r"\bno (?:[\w-]+ )?(?:ai|a\.i\.|agents?|bots?|chatbots?|llms?), (?:just|only|simply|merely)\b|"
    r"\b(?:without|with no) (?:any |the )?(?:use of )?(?:ai|a\.i\.|chatbots?|llms?|generative ai)\b|"
    r"\b(?:nothing|none)\b[^.]{0,40}\binvolv(?:ed|es|e) (?:an? |any )?(?:ai|agent|llm|language model|chatbot|"
    r"model)\b|"
    r"\b(?:ai|agent|llm|bot|chatbot|assistant)(?: itself)? (?:didn't|did not|had not|hadn't) "
    r"(?:write|wrote|run|ran|cause[sd]?|do|did|touch(?:ed)?|malfunction(?:ed)?|say anything wrong)\b|"
    # relevance.never_touched: the AI said never to have laid a hand on what was lost: "The AI
    # plugin never touched a file", "the assistant never touched the database"
    r"\b(?:ai|a\.i\.|agent|llm|bot|chatbot|assistant)(?: [\w-]+)?(?: itself)? never (?:even )?touched\b|"
    # relevance.mistaken_for_ai: people said to have taken a person's deed for an AI's: "our
    # director assumed it was the AI", "people assumed an agent had deleted our records"
    r"\b(?:assumed|thought|presumed|guessed|concluded)\b (?:that )?(?:it was (?:the|an?) (?:ai|a\.i\.|agent|bot|"
    r"chatbot|llm)\b|(?:the|an?) (?:ai|agent|bot|chatbot|llm) had (?:deleted|wiped|dropped|done|caused|broken|"
    r"erased|removed|destroyed)\b)|"
    # relevance.not_ai_fragment: a sentence of its own that strikes the AI off, the culprit
    # named in the next: "Not the AI plugin. Me."
    r"^\W*not (?:the|an?|my|our|their|his|her) (?:ai|a\.i\.|agent|bot|chatbot|assistant|llm)(?: [\w-]+)?\W*$|"
    r"\bnot (?:caused|done|written|run|triggered|generated) by (?:an? |the |your |our |its |their )?(?:ai|agents?|llms?|"
    r"bots?|chatbots?)\b|"
    # pattern relevance.own_systems_fine: the provider says its own systems worked while someone
    # else's failed: "Perplexity's own systems and models are working as expected"
    r"\b(?:our|its|their|[\w.-]+(?:'s|’s)) own (?:[\w-]+ )?(?:systems?|models?|services?|infrastructure|"
    r"software|platform)(?: and (?:[\w-]+ )?(?:systems?|models?|services?|infrastructure))? (?:are|were|was|is|"
    r"remain(?:ed|s)?) (?:\w+ )?(?:working|operating|functioning|running|performing|behaving) (?:as expected|"
    r"normally|as designed|as intended|correctly|fine)\b|"
    # relevance.models_fine: the maker's models said to be sound while people could not reach
    # them: "OpenAI's models were fine", "its models were unaffected" ("fine-tuned" is no verdict)
    r"\b(?:our|its|their|the|[\w.-]+(?:'s|’s)) (?:own )?(?:[\w-]+ )?(?:models?|systems?|servers?|services?) "
    r"(?:themselves |itself )?(?:were|was|are|is|remained|stayed) (?:(?:all|just|perfectly|completely|mostly|"
    r"largely) )?(?:fine\b(?!-)|unaffected|healthy|up the whole time)|"
    # relevance.not_the_work_of: investigators clear an automated tool: "the deletions were not the
    # work of malware or of any automated tool"
    r"\bnot the work of\b[^.]{0,50}?\b(?:ai|a\.i\.|agents?|bots?|chatbots?|automated (?:[\w-]+ )?tools?|"
    r"algorithms?)\b|"
    # relevance.no_system_failed: the failure put on people, no machine: "No computer system
    # failed", "no software malfunctioned"
    r"\bno (?:computer |automated |software |it )?(?:systems?|software|computers?|machines?|algorithms?) "
    r"(?:had )?(?:failed|malfunctioned|erred|was at fault)\b|"
    # relevance.name_disowned: a person who shares an AI product's name, set apart from it
    # (no, this is not the AI "Devin"); not a denial of a use ("ChatGPT is not an AI detector")
    r"\b(?:is|was|'s|’s)(?: not|n't) (?:the|that) (?:ai|a\.i\.|bot|chatbot)\s*[\"“'‘]|"
    # relevance.none_to_blame: the one at fault says no machine was: "No robot to blame. Just
    # me and a missing comma."
    r"\bno (?:ai|a\.i\.|robots?|bots?|chatbots?|algorithms?|agents?|computers?|machines?) (?:was |is )?to blame\b|"
    # relevance.not_ai_label: a roundup's item labelled as no AI story: "3. Not AI, still painful"
    r"(?:^|[.:]\s)\W*(?:\d+\W+)?not (?:ai|a\.i\.)\s*[,;:!—–]|"
    # relevance.no_comma_denial: a fact-check's headline: "No, an AI did not crash 8.5 million computers"
    r"^\W*no, (?:an? |the )?(?:ai|a\.i\.|agents?|bots?|chatbots?|robots?)(?: [\w-]+)? (?:did not|didn't|does not|"
    r"doesn't|is not|isn't|was not|wasn't)\b|"
    # relevance.cause_not_ai: the cause said not to be an AI, or the failure said to be unrelated to
    # one: "The cause was not a bug in an AI model", "It is not related to Orvo Assist or any AI
    # features", "so it's not the assistant, it's the update itself"
    r"\b(?:cause|culprit|problem|fault|trigger|issue|outage|bug|failure)\b (?:was|is|had been)(?: not|n't) "
    r"(?:an? |the |any )?(?:[\w-]+ ){0,3}?(?:in|with|from|of|by) (?:an? |the |any |its |our )?(?:[\w-]+ )?"
    r"(?:ai|a\.i\.|models?|agents?|chatbots?|bots?|llms?|assistants?|algorithms?)\b|"
    r"\b(?:is|was|are|were|it's|it’s)(?: not|n't) (?:related|linked|connected|due) to\b[^.;]{0,50}?"
    r"\b(?:ai|a\.i\.|agents?|chatbots?|bots?|llms?|assistants?|models?)\b|"
    r"\b(?:it's|it’s|it is|it was|this is|this was)(?: not|n't) the (?:ai|a\.i\.|agent|chatbot|bot|assistant|"
    r"model|algorithm)\b|"
    # relevance.nothing_in_caused: "Nothing in our own software, and nothing in Sleep Coach, our AI
    # feature, caused this"; "no automated or AI tools were involved"
    r"\bnothing in\b[^.]{0,120}?\b(?:ai|a\.i\.|agents?|chatbots?|models?|assistants?)\b[^.]{0,80}?"
    r"\b(?:caused|triggered|was behind|led to)\b|"
    r"\bno (?:[\w-]+ (?:or|and) )(?:ai|a\.i\.|agentic|generative)(?: [\w-]+)? (?:were |was )?"
    r"(?:involved|used|to blame)\b|"
    # relevance.denied_ai_in_list: the AI one of a list of things said to have had no part,
    # first or last in it: "No automation, script or AI assistant was involved", "no AI or
    # machine-learning component was involved"
    r"\bno (?:[\w-]+,? ){1,4}?(?:or|and|nor) (?:an? )?(?:[\w-]+ )?(?:ai|a\.i\.|llms?|agents?|chatbots?|bots?)(?: [\w-]+)? "
    r"(?:were |was |had been |has been )?(?:involved|used|to blame)\b|"
    r"\bno (?:ai|a\.i\.|llms?|agents?|chatbots?|bots?)(?:,? (?:[\w-]+,? ){0,3}?(?:or|and|nor) [\w-]+)(?: [\w-]+)? "
    r"(?:were |was |had been |has been )?(?:involved|used|to blame)\b|"
    # relevance.no_harm_by_ai: a record of no harm done by the AI: "it has had no outage or data
    # loss caused by the agent", "no errors attributable to the assistant"
    r"\bno (?:[\w-]+ ){1,4}?(?:caused by|attributable to|attributed to|traced to|blamed on) (?:the |an? |its |our )?"
    r"(?:ai|a\.i\.|agents?|chatbots?|bots?|assistants?|models?|[A-Z]\w+)\b|"
    # the failure put elsewhere: "it had nothing to do with the assistant itself"
    r"\bnothing to do with (?:the |our |its |their )?(?:ai|a\.i\.|agent|llm|bot|chatbot|assistant|model)\b")
#: The blame for a failure taken off someone named: "None of that was Copilot's fault", "it
#: wasn't the assistant's fault". Counted as an AI's part denied when an AI is named in the
#: sentence or the one before (the name may be one the gazetteer lacks: "its fault").
FAULT_DENIED = re.compile(r"\b(?:none of (?:this|that|it) (?:was|is)|(?:was|is|were|are)(?: not|n't)|"
                          r"not) (?:the |an? )?[\w-]+(?:'s|’s) fault\b|"
                          # relevance.played_no_part: the system named just before said to have had
                          # no part in it: "The regulator said that system played no part in the breach"
                          r"\b(?:played|had|has|plays) no (?:part|role)\b")
#: A guide, not a report: its title ("How to stop your coding agent...", "A practical guide
#: to...", "Checklist: ...", "5 ways to...").
HOWTO_TITLE = re.compile(r"^\W*(?:ask [\w ]{1,20}:\s*)?(?:how to|"
                         # genre.feature_request: a tracker's request for a new safeguard, "Feature
                         # request: require typed confirmation for rm -rf"
                         r"(?:feature request|proposal|rfc)\b\W|how (?:do|can|should) (?:i|you|we)|(?:a |an |the )?(?:[\w-]+ )?"
                         r"guide to|guide:|tutorial\b|checklist\b|\d+ (?:ways|tips|steps|rules) (?:to|for)\b|"
                         # genre.listicle_hypothetical: a numbered list of what could go wrong: "5 Ways
                         # an AI Agent Could Wreck Your Infrastructure"
                         r"\d+ (?:ways|things|mistakes|failure modes) (?:an? |your |the )?(?:[\w-]+ ){0,3}?"
                         r"(?:could|can|might|may|will)\b|"
                         r"tips (?:for|on)\b|"
                         # genre.crowd_question: a question put to readers about their practice:
                         # "Ask HN: How are you sandboxing coding agents?", "What are people using
                         # for...?"
                         r"how (?:are|is) (?:you|people|folks|everyone|anyone|teams|others)\b|"
                         r"what (?:are|do) (?:you|people|folks|teams|others) (?:all )?(?:doing|using)\b|"
                         # genre.duty_question: a question of what one must or may do: "Does a company
                         # have to delete my logs under GDPR?", "Is my employer allowed to..."
                         r"(?:does|do|is|are|can|must) (?:a |an |the |my |our |your )?(?:[\w-]+ ){1,2}?(?:have to|"
                         r"need to|(?:legally )?(?:required|obliged|allowed|permitted) to)\b)|:\s*(?:a|an|the) (?:[\w-]+ )?(?:guide|tutorial|checklist)\b",
                         re.IGNORECASE)
#: Instructions from which a document is a guide: at least this many sentences in the
#: imperative ("Protect the branch", "Don't let the agent push"), and this share of them.
HOWTO_IMPERATIVES, HOWTO_SHARE = 4, 0.12
#: Pattern genre.help_centre: a vendor's support page names its section in the head
#: capitalised as a section name ("Help Centre / Assistant / Privacy", "Support Article",
#: "Applies to: Hub 2"); its warnings
#: ("deleting is permanent", "will be wiped") are instructions, not consequences.
HELP_PAGE = re.compile(r"\b(?:Help|Support) (?:Cent(?:re|er)|Desk|Articles?)\b|\bKnowledge ?[Bb]ase\b|"
                       r"^\W*Applies to:")
#: How many sentences from the top of a page its head (a question page's title) may take.
HEAD_SENTENCES = 4
#: A harmful deed told only as done by no AI at all ("No chatbot invented a refund policy, no
#: agent deleted a database"): an opinion piece or explainer sets its subject apart from the
#: incidents so. Counted only in a sentence that tells a deed ("No agent detected the
#: conflict" tells a failure to act); the deed in it is no harm.
NO_FAILURE = re.compile(
    r"\bno (?:[\w-]+ )?(?:ai|chatbots?|agents?|bots?|assistants?|models?|llms?)\b (?:\w+ )?\w+ed\b")
#: Pattern harm.attributed_after: the sentence that says whose work the deeds told just
#: before it were ("The replies came from Sift, an AI email assistant", "the emails had been
#: written by the company's chatbot"); those deeds count as the AI's.
ATTRIBUTED = re.compile(r"\b(?:came|come|comes) from\b|\b(?:was|were|had been|have been) (?:all |being )?(?:sent|written|"
                        r"generated|drafted|produced|made|done|started|launched|triggered|created|run) by\b|"
                        r"\bthe work of\b")
#: Pattern relevance.nothing_happened: the writer says nothing has gone wrong yet ("Nothing
#: has gone wrong yet, but I keep reading threads where an agent wiped..."), "it hasn't
#: happened to me yet": a question asked before any harm. Counted as a denied harm.
NOTHING_HAPPENED = re.compile(r"\bnothing (?:bad )?(?:has |have |had )?(?:gone|went|happened) (?:wrong )?"
                              r"(?:(?:for|to) (?:me|us|our \w+) )?yet\b|"
                              r"\b(?:it )?(?:hasn't|has not|haven't|have not) (?:happened|gone wrong) "
                              r"(?:to (?:me|us) )?yet\b|"
                              # relevance.nothing_real: a study or test said to have touched nothing
                              # real: "No real company, user or system was involved", "No customer
                              # systems, real accounts or production data were involved", "the
                              # paper does not document a real-world incident"
                              # (a maker's "no customer data was affected" is an impact statement:
                              # the word "real" or "actual" must be in the list)
                              r"\bno\b(?: [\w,-]+){0,4}? (?:real|actual)\b[^.;]{0,40}?\b(?:was|were) "
                              r"(?:ever )?(?:involved|harmed|touched)\b|"
                              r"\b(?:does|did|do) not (?:document|describe|report|involve) (?:a|any) real(?:-world)? "
                              r"(?:incidents?|harm|damage|systems?)\b|"
                              # relevance.not_an_incident: the writer says so outright: "Not an
                              # incident, to be clear." ("not an isolated incident" is no such line)
                              r"^\W*(?:(?:this|it) is |it's |this isn't |it isn't )?not an? (?:actual |real )?incident\b|"
                              # relevance.no_specific_case: the writer says the piece tells of no
                              # case: "Nothing in this post is about a specific company", "this
                              # article is not about any particular incident"
                              r"\b(?:nothing|none) (?:in|of) (?:this|the) (?:post|article|piece|guide|essay|thread)\b"
                              r"[^.;]{0,30}?\babout (?:a|any|one) (?:specific|particular|real|single|actual)\b|"
                              r"\b(?:post|article|piece|guide|essay)\b (?:is|was)(?: not|n't) about (?:a|any|one) "
                              r"(?:specific|particular|real|single|actual) (?:company|incident|case|team|event|customer)\b|"
                              # relevance.nothing_real_list: the test set apart from anything real in
                              # a verbless list, or its outcome so told: "No real users, no real
                              # credentials", "nobody was harmed and nothing real leaked"
                              r"\bno (?:real|actual|live) [\w-]+, (?:and )?no (?:real|actual|live)\b|"
                              r"\bnothing real (?:was |has been |had been |got )?(?:leaked|lost|harmed|touched|exposed|"
                              r"deleted|involved|at stake)\b|"
                              # relevance.declared_demo: "this is a controlled demo", "it was a sandboxed test"
                              r"\b(?:this|it) (?:is|was) (?:a|an|just a|only a) (?:controlled|staged|sandboxed|simulated|lab|"
                              r"contrived) (?:demo(?:nstration)?|experiment|test|exercise|scenario|environment)\b")
#: Pattern genre.false_rating: a fact-check that rates the claim it checks ("RATING: FALSE",
#: "Verdict: Misleading") reports that what was claimed did not happen.
FALSE_RATING = re.compile(r"(?im)^[ \t*#>-]*(?:\*\*)?(?:our )?(?:rating|verdict|ruling)(?:\*\*)?\s*:(?:\*\*)?\s*"
                          r"(?:mostly |largely )?(?:false|fake|misleading|incorrect|fabricated|pants on fire|"
                          r"no evidence|unsupported)\b")
#: Pattern ai.by_function: an automated system named by the job it does rather than by a
#: product name: a vehicle that drives itself ("robotaxi", "driverless car", "self-driving
#: software"), software or a model named by its task ("its pricing algorithm", "automated
#: hiring software", "the screening model"), an automated machine ("automated inspection
#: gates"), a generative editing tool ("generative fill"), or a system told as the one that
#: decided about people ("the system had flagged a scuff", "the software was programmed to
#: reject older candidates"). Counted as naming an AI in relevance only (the entity
#: recogniser does not take these for agents).
_TASK = (r"(?:pricing|hiring|recruit(?:ing|ment)|screening|scoring|grading|moderation|recommendation|"
         r"fraud[- ]detection|risk[- ]assessment|(?:facial|face)[- ]recognition|predictive|inspection|"
         r"damage[- ]detection|(?:speech|voice)[- ]recognition|transcription|underwriting|benefits|welfare|"
         r"eligibility|proctoring|surveillance|targeting|translation|face[- ]matching|ranking|allocation|"
         r"prioriti[sz]ation|triage|standardi[sz]ation|content[- ]moderation|hate[- ]speech|"
         # a lender's decision system: "its credit algorithm", "the credit-scoring model"
         r"credit(?:[- ]scoring|[- ]limit|[- ]decision(?:ing)?)?|lending)")
FUNCTION_AI = re.compile(
    r"\b(?:robo-?taxis?|driverless (?:cars?|vehicles?|taxis?|trucks?|buses|operations)|"
    r"self-driving (?:cars?|vehicles?|taxis?|trucks?|software|systems?|mode)|autonomous (?:vehicles?|cars?|"
    r"driving|taxis?|trucks?)|(?:full )?self-driving|autopilot)\b|"
    # a car's driver-assistance system named by its job: "the Autopilot driver-assistance system"
    r"\bdriver[- ]assist(?:ance)?(?: (?:systems?|features?|software|technology))?\b|"
    rf"\b{_TASK} (?:algorithms?|software|models?|systems?|tools?|scanners?|programs?|engines?|filters?)\b|"
    r"\bautomated (?:[\w-]+ ){0,2}?(?:software|systems?|gates?|scanners?|cameras?|decisions?|"
    r"decision-making|tools?|programs?|algorithms?|filters?|classifiers?|moderation)\b|"
    r"\bgenerative (?:fill|expand|tools?|features?|editing)\b|\bthe automation by\b|"
    # Full Self-Driving's abbreviation ("FSD Beta 10.3"); translation done by machine
    r"\bfsd\b|\b(?:machine|automatic|automated|auto)[- ]?translat(?:ion|ions|ed|es|or)\b|"
    # a recogniser named by what it recognises, with or without its head noun: "a facial
    # recognition search", "face-matching software"
    r"\b(?:facial|face)[- ]recognition\b|\bface[- ]matching\b|"
    # a robot named by its job: "a security robot", "a chess-playing robot", "the robotic arm"
    r"\b(?:security|chess(?:-playing)?|delivery|patrol(?:ling)?|surgical|humanoid|warehouse|"
    r"industrial|police|cleaning|sidewalk|autonomous) robots?\b|\brobotic arms?\b|"
    # a speaker that answers to a wake word: "smart speakers", "Google Home", "the family's
    # Echo", the wake-word product capitalised ("the Assistant records")
    r"\bsmart (?:speakers?|displays?)\b|\bvoice[- ](?:assistants?|activated|controlled) ?(?:speakers?|devices?)?\b|"
    r"\b(?:google|amazon) (?:home|nest|echo)\b|(?-i:\bEchos?\b|\b(?:the|Google) Assistant\b|"
    r"\bAssistant (?:recordings?|devices?|queries|users?)\b)|"
    # an algorithm named by its purpose: "an algorithm meant to rank employees by risk"
    # ai.algorithm_behind: the algorithm said to make a product's decisions: "the algorithm
    # behind Apple's credit card"
    r"\b(?:the|an?) algorithms? (?:behind|that (?:sets|decides|determines|runs))\b|"
    r"\balgorithms? (?:meant|designed|built|used|intended|created|developed|trained) to (?:rank|score|"
    r"decide|allocate|prioriti[sz]e|select|choose|assign|flag|predict|grade|sort|screen|determine|"
    r"detect|identify)\b|"
    r"\b(?:system|software|algorithm|model|scanner|program|filter|classifier)s? (?:had |has |have |was |were |then )?"
    r"(?:automatically |wrongly |mistakenly )?(?:flagged|rejected|denied|screened out|billed|cut off|"
    r"misidentified|misclassified|(?:programmed|designed|set up|configured) to (?:automatically )?"
    r"(?:reject|deny|flag|screen out))\b", re.IGNORECASE)
#: An AI product called by its kind: "an AI notification summary", "the company's artificial
#: intelligence feature", "AI Overviews", "the AI hiring platform". Its head noun with a
#: determiner ("the summary", "the feature", "the bad overviews") then names it again
#: (:func:`_ai_heads`).
AI_COMPOUND = re.compile(r"\b(?:ai|artificial intelligence|generative|automated)(?:[- ]powered)? (?:[\w-]+ )?"
                         r"(feature|tool|summar(?:y|ies)|overview|assistant|system|platform|service|app|"
                         r"answer|scanner|gate|software|algorithm)s?\b", re.IGNORECASE)
#: The AI as the victim of someone else's failure: it went down, dark or silent *after* an
#: outage, power failure or fault elsewhere ("the bank's assistant went dark after a power
#: failure at its cloud provider", "ChatGPT knocked offline as Cloudflare suffers an outage").
#: Told once it may be an aside; told in two or more sentences the report is about that
#: failure, and the penalty doubles (:func:`score`).
AI_VICTIM = re.compile(
    r"\b(?:knocked (?:\w+ )?offline|go(?:es)? (?:dark|down|offline)|(?:went|gone) (?:dark|down|offline|silent)|"
    # ai.victim_shared_dependency: the AI down with the system it draws on ("the chatbot was also
    # offline because it draws on the same systems", "my AI pair programmer is down because a
    # database in Virginia is down")
    r"(?:is|are|was|were) (?:also |still )?(?:down|offline)|"
    r"stopped (?:responding|answering|working)|(?:was|were) (?:unavailable|unreachable)|"
    r"unable to (?:use|reach|access))\b[^.]{0,80}?\b(?:after|as|when|because(?: of)?|due to|amid|following|by|along with|like)\b"
    r"[^.]{0,60}?\b(?:outages?|failures?|fault|power|provider|data ?cent(?:re|er)s?|dns|"
    r"roll-?outs?|deploy(?:ment)?s?|telemetry|monitoring|misconfiguration|config(?:uration)? change|"
    r"(?:is|are|was|were) (?:also )?down|everything else|the rest of|depends? on)\b"
    # ai.victim_physical_cause: a physical or infrastructure failure that took the AI product
    # offline: "A fire at a colocation site took an AI meeting assistant offline", "a firmware
    # upgrade on a storage array knocked the chatbot out", "a power cut took the bot down"
    r"|\b(?:fires?|flood(?:ing)?|power (?:cuts?|loss|failures?|outages?)|blackouts?|firmware|storage|"
    r"certificates?|cloud (?:provider|region)|regions?|data ?cent(?:re|er)s?|colocation|hardware|cables?|"
    r"outages?|fault|failure|dns|disruption)\b[^.]{0,100}?\b(?:took|takes|take|taking|knock(?:ed|s|ing)?|"
    r"brought|bringing|sent|put) (?:[\w'’-]+ ){1,6}?(?:offline|down|dark|out of service)\b"
    # the outage told first, the AI product among what it took down or left unusable
    r"|\b(?:outages?|fault|failure|dns|disruption)\b[^.]{0,100}?\b(?:took|takes|take|taking|knock(?:ed|s|ing)?|"
    r"brought|bringing) (?:down|out|offline)\b"
    r"|\b(?:outages?|fault|failure|dns|disruption)\b[^.]{0,100}?\bleft\b[^.]{0,160}?"
    r"\b(?:unusable|unavailable|unreachable|offline)\b"
    # ai.victim_behind_provider: the AI product one of many customers behind the provider that
    # failed: "ChatGPT was just one of thousands of customers that sat behind the same proxy"
    r"|\b(?:customers?|sites?|services?|tenants|websites?)\b[^.]{0,50}?\bbehind (?:the same |a shared |"
    r"that |the )?(?:[\w-]+ ){0,2}?(?:proxy|proxies|cdn|provider|network|load balancers?|edge)\b")
#: Pattern ai.victim_upstream: a product's failure put down to the model provider it is built
#: on, as a status page tells it: "our upstream model provider reports that its API is
#: recovering", "the issue has been traced to an ongoing incident at OpenAI", "our summaries
#: depend on their models". The AI product is then the victim of another company's outage;
#: counted in ``ai_victim`` whether or not the sentence names an AI (the provider is one).
UPSTREAM_FAILURE = re.compile(
    r"\b(?:our |the |its |their )?(?:upstream|third-party|external) (?:ai |llm |model |api |inference )?"
    r"(?:model |ai |llm )?providers?\b[^.]{0,60}?\b(?:outage|incident|errors?|recover\w*|degraded|down|"
    r"disruption|issue)\b|"
    r"\b(?:traced|attributed|due|related) to (?:an? |the )?(?:ongoing |wider |broader )?(?:incident|outage|"
    r"disruption) (?:at|on the side of) (?:our (?:upstream |model |ai )*provider|[A-Z][\w.]*)\b|"
    # ai.victim_upstream, a status page's cause line: "The outage was caused by a major incident
    # at our cloud provider"
    r"\b(?:caused by|traced to|due to|the result of) (?:an? |the )?(?:[\w-]+ ){0,2}?(?:incident|outage|disruption|"
    r"failure|fault) (?:at|in|of) our (?:cloud|hosting|infrastructure|network|upstream|model|ai|data ?cent(?:re|er))"
    r"(?: [\w-]+)? (?:providers?|partners?|suppliers?|vendors?)\b|"
    r"\b(?:features?|summar\w+|service|product|assistant) (?:\w+ )?depends? on (?:their|its|the provider's) "
    r"(?:models?|api)\b")
#: Pattern ai.victim_shared_dependency: the AI out of service with the systems it draws on
#: ("the chatbot was also offline because it draws on the same systems"); counted in
#: ``ai_victim`` when the sentence names an AI, whatever deed it tells.
SHARED_DEPENDENCY = re.compile(
    r"\b(?:draws?|drew|depends?|depended|relies|relied|runs?|ran|sits?|sat|is built|was built) on (?:the )?same "
    r"(?:[\w-]+ )?(?:systems?|servers?|infrastructure|platform|backend|database|network)\b")
#: A form to fill in: a field label whose whole value is a placeholder ("Date: [YYYY-MM-DD]",
#: "Agent: {{agent}}", "Impact: <systems affected>", "Name: ____"), a template variable
#: ("{{ agent }}") or a date format written out ("YYYY-MM-DD"). An editor's bracketed word
#: inside a quote ("[the company] said") is none of these.
PLACEHOLDER = re.compile(r"(?m)^[ \t*#>-]*[A-Za-z][\w /()-]{0,30}:\**[ \t]*"
                         # template.empty_slot: "Systems affected: [ ]"
                         r"(?:\[(?![\"'\d])[^\]\n]{2,60}\]|\[ ?\]|\{\{[^}\n]+\}\}|<[^>\n]{2,40}>|_{3,})[ \t]*$|"
                         r"\{\{\s*\w+\s*\}\}|\bYYYY-MM(?:-DD)?\b|"
                         # a time slot left blank in a timeline: "- hh:mm —"
                         r"^[ \t*|-]*\[?hh:mm\b")
#: Pattern template.caps_slot: a slot in an example sentence, a name in capitals in square
#: brackets ("On [DATE], the [ASSISTANT NAME] assistant told [NUMBER] customers"); an
#: editor's mark ("[REDACTED]", "[SIC]", "[UPDATE]") is none. A form has many different
#: slots; an AI's output published with one or two left unfilled ("the [WINNING_TEAM_MASCOT]
#: defeated...") is the incident itself, so slots count as placeholders only from
#: ``CAPS_SLOTS`` distinct ones.
CAPS_SLOT = re.compile(r"\[(?!(?:REDACTED|SIC|UPDATE|EDIT|EDITED|LINK|VIDEO|PHOTO|IMAGE|PDF|AUDIO|"
                       r"INAUDIBLE|CROSSTALK|LAUGHTER|APPLAUSE|DELETED|REMOVED|CENSORED|EMPHASIS|NSFW|OC|"
                       r"TL;?DR|AMA|FAQ|NEW|SOLVED|RESOLVED|BUG|META|OFFICIAL)\])[A-Z][A-Z _/]{2,28}\]")
CAPS_SLOTS = 4
#: The conventions of news satire: the humour site's stock subject ("Area man", "Area
#: resident"), or the page naming itself as satire.
SATIRE = re.compile(r"\barea (?:man|woman|resident|dad|mom|couple|teen|father|mother)\b|"
                    # a masthead or section label: "THE DAILY BUGLE · SATIRE", "Satire | Tech"
                    r"(?:[·•|—–]|^)\s*satire\s*(?:[·•|—–]|$)|"
                    # satire.section_label: a humour section among the masthead's labels: "Tech ·
                    # Business · Nonsense", "Comedy | Tech"
                    r"[·•|—–]\s*(?:nonsense|humou?r|comedy|spoof|parody|fake news)\s*(?:[·•|—–]|$)|"
                    r"^\s*(?:nonsense|humou?r|comedy|spoof|parody)\s*[·•|—–]|"
                    # satire.as_source: a satirical site named as where an AI's answer came from
                    # ("traced back to a spoof article on satirical site The Onion") is not the
                    # page's own form
                    r"(?<!\bon )(?<!\bfrom )(?<!\bby )(?<!\bon a )(?<!\bfrom a )(?<!\bon the )(?<!\bfrom the )"
                    r"\bsatirical (?:news|site|publication)\b|\bis (?:a work of )?satire\b|"
                    # satire.finest_source: the humour paper's boast in its masthead, "America's
                    # Finest News Source", reworded ("America's Finest Source of Build Failures")
                    r"\bamerica(?:'|’)?s (?:finest|(?:most|least) [\w-]+|leading|favou?rite|number one|#1) "
                    r"(?:[\w-]+ ){0,4}?(?:news|source)\b|"
                    # satire.press_time_coda: the closing line that carries the joke one step
                    # further, "At press time, the agent had booked..." (news says instead that
                    # someone "had not responded at press time", which this leaves out)
                    r"^\W*at press time,? (?:[\w'’-]+ ){1,6}?(?:had|was|were|has|is)\b"
                    r"(?! (?:not|yet|no|declined|failed|been unable)\b)(?! \w+ (?:not|yet)\b)",
                    re.IGNORECASE)
#: A placeholder count from which a document is a template, not a report.
TEMPLATE_PLACEHOLDERS = 2
#: Pattern genre.changelog: release notes, a list of entries each opening with its kind
#: ("Added: ...", "Fixed: a crash when ...", "- **Changed:** ..."); a fixed bug told there
#: ("Fixed: restore could miss files the agent had deleted") is no incident report. From
#: ``CHANGELOG_ENTRIES`` entries on, the page is release notes.
CHANGELOG_ENTRY = re.compile(r"(?im)^[ \t*#>+-]*(?:\*\*)?(?:added|fixed|changed|removed|improved|deprecated|"
                             r"security|breaking(?: change)?)(?:\*\*)?\s*:(?:\*\*)?\s+\S")
CHANGELOG_ENTRIES = 5
#: Pattern genre.template_title: a page whose title names it a template or a blank form, the
#: word at its end or opening it ("AI Agent Incident Postmortem Template (v1.3)", "Template:
#: agent incident report"); counted as a template's placeholders.
TEMPLATE_TITLE = re.compile(r"\b(?:template|blank form)s?\W*(?:\(?v?\d[\d.]*\)?)?\W*$|^\W*template\s*[:—–-]",
                            re.IGNORECASE)


@dataclass
class RelevanceFeatures:
    """Sentence counts behind a relevance decision."""

    ai: int = 0
    harm: int = 0
    real: int = 0
    research: int = 0
    launch: int = 0
    unreal: int = 0
    sentences: int = 0
    researcher: int = 0
    title_harm: bool = False
    title_research: bool = False
    title_launch: bool = False
    named_agent: int = 0
    placeholders: int = 0
    changelog: int = 0
    false_rating: int = 0
    satire: int = 0
    denied_ai: int = 0
    ai_victim: int = 0
    denied_harm: int = 0
    cause_cleared: int = 0
    imperatives: int = 0
    title_howto: bool = False
    help_page: bool = False


def action_scores(sentence: Sentence) -> dict:
    """``action.score_sentence`` of the sentence's span, computed once and kept in its
    ``memo`` (the relevance features, the action type and the secondary mentions all
    ask for it). Read-only: ``{type: (score, cue verb or None)}``."""
    scores = sentence.memo.get("action_scores")
    if scores is None:
        scores = sentence.memo["action_scores"] = score_sentence(sentence.span)
    return scores


def hedged(text: str) -> bool:
    """Whether the lower-cased sentence ``text`` is hedged (``HEDGED``) once modals in a
    comparison (``COMPARATIVE_MODAL``) are set aside."""
    return bool(HEDGED.search(COMPARATIVE_MODAL.sub(" ", text)))


#: Pattern segment.separator: a line with no word of two letters (a thread's "---" rule, an
#: emoji or a row of counters) is no sentence and is not counted in a report's length.
WORDED = re.compile(r"[^\W\d_]{2,}")


def _has_ai(span, disowned: frozenset = frozenset()) -> bool:
    """True when the span names an agent: gazetteer, generic ("AI agent"), MCP server/package,
    or an automated system named by its function (``FUNCTION_AI``). A gazetteer name in
    ``disowned`` (:func:`_disowned`: the report says it is a person's, not the product's)
    does not count."""
    return (any(e.label_ == "AGENT" and e.text not in disowned for e in span.ents)
            or bool(GENERIC_AGENT.search(span.text))
            or bool(FUNCTION_AI.search(span.text)) or bool(unlisted_agents(span))
            or bool(HEADLINE_KIND.search(span.text)))


#: Pattern ai.name_disowned: a person who bears an AI product's name, set apart from it by
#: the writer ('no, this is not the AI "Devin"', "not that Devin, the bot"): group 1 is the
#: name, which then names no AI in the report.
DISOWNED = re.compile(r"\bnot (?:the|that) (?:AI|A\.I\.|bot|chatbot|agent)\W{1,3}([A-Z][\w-]+)|"
                      r"\bnot (?:the|that) ([A-Z][\w-]+),? the (?:AI|bot|chatbot|agent)\b|"
                      # ai.name_of_a_human: the name said to be a person's: "a human named Claude",
                      # "a colleague called Devin", "Claude the human"
                      r"\b(?:[Aa]n?|[Tt]he|[Oo]ur|[Mm]y) (?:[\w-]+ )?(?:human|person|man|woman|guy|colleague|"
                      r"co-?worker|teammate|engineer|contractor|intern)(?: being)? (?:named|called) ([A-Z][\w-]+)|"
                      r"\b([A-Z][\w-]+),? the (?:human|person|man|woman)\b")


def _disowned(sentences: list[Sentence]) -> frozenset:
    """The names the report says are not the AI product's (``DISOWNED``)."""
    return frozenset(name for sentence in sentences for match in DISOWNED.finditer(sentence.text)
                     for name in match.groups() if name)


def imperative(span) -> bool:
    """True when the span is an instruction: it opens with a bare verb that is its root and
    has no subject ("Protect the branch", "Give the agent its own token"), or with "Don't" /
    "Never" ("Don't let the agent push")."""
    words = [t for t in span if not (t.is_punct or t.is_space or t.text in "*#->")]
    if not words:
        return False
    first = words[0]
    if first.lower_ in ("never", "don't", "don’t") or (
            first.lower_ == "do" and len(words) > 1 and words[1].lower_ in ("n't", "not")):
        return True
    return first.tag_ == "VB" and first == span.root and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children)


#: Pattern ai.copular_name: a bot named by saying what it is: "Freysa was an AI agent",
#: "Tilly is an autonomous trading bot"; the name (group 1) then names the AI in later sentences.
COPULAR_BOT = re.compile(r"\b([A-Z][\w-]+) (?:was|is) (?:an?|the) (?:[\w-]+ ){0,2}?(?:AI|autonomous|LLM)[- ]"
                         r"(?:agents?|bots?|chatbots?|assistants?)\b|"
                         # ai.appositive_bot: the name, then its kind in apposition, perhaps quoted:
                         # 'Scout, an AI "trip agent"', "Mira, the company's LLM chatbot"
                         r"\b([A-Z][\w-]+), (?:an?|the) (?:[\w'’-]+ ){0,2}?(?:AI|LLM)[- ][\"“']?(?:[\w-]+ ){0,2}?"
                         r"(?:agents?|bots?|chatbots?|assistants?|reps?|representatives?|SDRs?)\b")
#: Pattern ai.head_called, with a head noun the compounds lack: "an AI SDR called Rae", "an
#: LLM-based triage bot named Otto"; group 1 is the name.
AI_CALLED = re.compile(r"\b(?:AI|A\.I\.|LLM)(?:[- ](?:powered|based|driven))?[- ](?:[\w-]+ ){0,2}?[\w-]+,? "
                       r"(?:called|named|dubbed|known as) ([A-Z][\w-]+)\b")
#: Pattern ai.quoted_assistant: a product name in quotes before an assistant's head noun:
#: 'the "Ask Lyra" assistant', '“Penny” chatbot'; group 1 is the name.
QUOTED_BOT = re.compile(QUOTED_PRODUCT)
#: ai.name_kind (``prefilter.NAME_KIND``): "Trips > Waypoint agent"; group 1 is the name.
NAME_KIND_RE = re.compile(NAME_KIND)
#: Pattern ai.parenthetical_kind: a name, then its kind in parentheses with its maker or "AI" in
#: it: "Inkwell (the Parcelo Labs email assistant)", "Mira (an AI agent)"; group 1 is the name.
PAREN_KIND = re.compile(r"\b([A-Z][\w-]+) \((?:the|an?|our|their|its) (?:[\w'’&.-]+ ){0,3}?(?:[A-Z][\w&.-]*|AI|LLM) "
                        r"(?:[\w'’&.-]+ ){0,3}?(?:assistant|agent|bot|chatbot|copilot)s?\)")
#: Pattern ai.parenthetical_name: an AI named by its kind, then by name in parentheses: "an
#: ambient AI scribe this spring (Noteline, made by Corvid Health)"; group 1 is the name.
PAREN_NAME = re.compile(r"\b(?:AI|LLM)[- ](?:[\w-]+ ){0,4}?\(([A-Z][\w-]+)(?:,|\))")
#: Pattern ai.headline_kind: a headline that drops the article before the AI's kind, the
#: kind capitalised and a deed in the past tense after it: "Agent ran git reset --hard",
#: "Assistant handed out 90% off codes".
HEADLINE_KIND = re.compile(r"^\W*(?:AI |Coding |Support )?(?:Agent|Assistant|Chatbot|Bot|Copilot)s? "
                           r"(?:ran|wrote|sent|made|took|gave|broke|went|put|[a-z]{2,}ed)\b")
#: ai.lowercase_tool_asked (``prefilter.ASKED_TOOL``): "I asked drover to rebase my branch".
ASKED_TOOL = re.compile(ASKED_TOOL_PATTERN)
#: Pattern ai.repo_slug: a code host's "owner/name" slug, which heads an issue page
#: ("openai/codex", "google-gemini/gemini-cli"); when its name is a known agent's alias written
#: in lower case with hyphens, the page's lower-case mentions of it ("We run codex in CI")
#: name that agent too.
REPO_SLUG = re.compile(r"(?<![\w./-])[a-z0-9][\w.-]* ?/ ?([a-z0-9][\w.-]*[a-z0-9])(?![\w/-])")


@lru_cache(maxsize=1)
def _agent_aliases() -> dict:
    """Known agents' aliases by their lower-cased form with single spaces:
    ``{"gemini cli": "Gemini CLI", ...}``."""
    from .gazetteer import load_gazetteer

    return {alias.lower(): alias for entry in load_gazetteer() if entry["kind"] == "agent"
            for alias in entry.get("aliases") or [] if len(alias) > 2}


def _slug_names(sentences: list[Sentence]) -> list[str]:
    """Regular expressions (case-insensitive, spaces written as ``[- ]``) for the known agents
    named by a repository slug in the head of the page (``REPO_SLUG``, pattern ai.repo_slug)."""
    aliases = _agent_aliases()
    found = []
    for sentence in sentences[:HEAD_SENTENCES]:
        for match in REPO_SLUG.finditer(sentence.text):
            name = re.sub(r"[-_]+", " ", match.group(1).lower())
            if name in aliases:
                found.append("(?i:" + re.escape(name).replace(r"\ ", "[- _]") + ")")
    return found
PRODUCT_TITLE_RE = re.compile(PRODUCT_TITLE)
#: A canonical product name of one capitalised word ("Comet", "Devin"), taken as a short name.
SHORT_NAME = re.compile(r"[A-Z][a-z]{2,}")
#: Capitalised words that open a sentence and are no names.
NOT_BOT_NAMES = {"It", "This", "That", "There", "He", "She", "What", "Which", "Who", "Here"}


def _bot_names(sentences: list[Sentence], disowned: frozenset = frozenset()) -> Optional[re.Pattern]:
    """A pattern for the names the report gives its bots ("an internal agent we call
    Dispatch"; ``entities.named_bots``), so that later sentences naming the bot ("Dispatch
    launched 300 instances") count as naming an AI; None when it names none.

    Pattern ai.short_name: a product the gazetteer knows by a longer name ("Perplexity's
    Comet", "Comet browser") is then called by its one-word canonical name alone ("Comet
    bought me two tickets"); that word counts too, once the long name is in the report.
    Pattern ai.head_called: an AI product named by its kind ("a piece of artificial
    intelligence software", ``AI_COMPOUND``) and then by name after its head noun ("The
    software, called Runwell, is made by ...").
    Pattern ai.product_title: a capitalised name before its kind ("Orvo Assist").
    Patterns ai.appositive_bot and ai.quoted_assistant (``COPULAR_BOT``, ``QUOTED_BOT``):
    'Scout, an AI "trip agent"', 'the "Ask Lyra" assistant'.

    Names in ``disowned`` (:func:`_disowned`) do not."""
    names = {name for sentence in sentences for name in sentence_bots(sentence)}
    heads = {m.group(1).lower() for sentence in sentences for m in AI_COMPOUND.finditer(sentence.text)}
    if heads:
        called = re.compile(r"\b(?:the|this|that|its|their) (?:" + "|".join(sorted(heads)) + r")s?,? "
                            r"(?:called|named|dubbed|known as|branded) ([A-Z][\w-]+)\b", re.IGNORECASE)
        names.update(m.group(1) for sentence in sentences for m in called.finditer(sentence.text)
                     if m.group(1)[0].isupper() and m.group(1) not in NOT_BOT_NAMES)
    names.update(m.group(1) or m.group(2) for sentence in sentences for m in COPULAR_BOT.finditer(sentence.text)
                 if (m.group(1) or m.group(2)) not in NOT_BOT_NAMES)
    names.update(m.group(1) for sentence in sentences for m in AI_CALLED.finditer(sentence.text)
                 if m.group(1) not in NOT_BOT_NAMES)
    names.update(m.group(1) for sentence in sentences for m in QUOTED_BOT.finditer(sentence.text)
                 if m.group(1) not in NOT_BOT_NAMES)
    # ai.lowercase_tool_asked: "I asked drover to rebase my branch"
    names.update(m.group(1) for sentence in sentences for m in ASKED_TOOL.finditer(sentence.text)
                 if m.group(1) not in NOT_TOOLS)
    # ai.name_kind, ai.parenthetical_kind, ai.parenthetical_name: "Trips > Waypoint agent",
    # "Inkwell (the Parcelo Labs email assistant)", "an AI scribe (Noteline, made by ...)"
    names.update(m.group(1) for sentence in sentences for pattern in (NAME_KIND_RE, PAREN_KIND, PAREN_NAME)
                 for m in pattern.finditer(sentence.text) if m.group(1) not in NOT_BOT_NAMES)
    # ai.product_title: a product named by its kind, capitalised ("Orvo Assist sent our scan
    # photo..."); job titles ("Executive Assistant") are left out (``prefilter.PRODUCT_TITLE``)
    names.update(m.group(0) for sentence in sentences for m in PRODUCT_TITLE_RE.finditer(sentence.text))
    names.update(e.ent_id_ for sentence in sentences for e in sentence.span.ents
                 if e.label_ == "AGENT" and e.ent_id_ != e.text and SHORT_NAME.fullmatch(e.ent_id_ or ""))
    names -= disowned
    slugs = _slug_names(sentences)
    if not names and not slugs:
        return None
    return re.compile(r"\b(?:" + "|".join([re.escape(n) for n in sorted(names)] + slugs) + r")\b")


#: Head nouns of a system named by its function (``FUNCTION_AI``) that name it again with a
#: determiner, and the other words that then refer to it: "a chess-playing robot" -> "the
#: robot", "the machine"; "an algorithm meant to rank" -> "our algorithm".
FUNCTION_HEADS = {"robot": ("machine",), "arm": ("robot", "machine"), "algorithm": (), "system": (),
                  "software": (), "speaker": ("device",), "car": (), "vehicle": ()}


def _product_heads(sentences: list[Sentence]) -> Optional[re.Pattern]:
    """Pattern ai.product_head: the kind of a product the report names with it ("Shelfwise
    Assistant", 'the "Penny" assistant', "Inkwell (the ... email assistant)", "Trips >
    Waypoint agent"), with a determiner and up to two words before it ("the assistant", "the
    shopping assistant"), names that product again; None when the report names none."""
    heads = set()
    for sentence in sentences:
        for pattern in (PRODUCT_TITLE_RE, QUOTED_BOT, NAME_KIND_RE, PAREN_KIND):
            for match in pattern.finditer(sentence.text):
                kind = re.sub(r"s$", "", re.findall(r"[A-Za-z]+", match.group(0))[-1].lower())
                if kind in ("assistant", "copilot", "chatbot", "bot"):
                    heads.add(kind)
    if not heads:
        return None
    return re.compile(r"\b(?:the|this|that|its|our|my|their)\b(?:\s+[\w-]+){0,2}?\s+(?:" + "|".join(sorted(heads)) +
                      r")s?\b", re.IGNORECASE)


def _ai_heads(sentences: list[Sentence]) -> Optional[re.Pattern]:
    """A pattern for the head nouns of the AI products the report names by their kind
    (``AI_COMPOUND``: "AI notification summary" -> "the summary", "these summaries"), with a
    determiner and up to three words before the noun; None when it names none."""
    heads = {m.group(1).lower() for sentence in sentences for m in AI_COMPOUND.finditer(sentence.text)}
    for sentence in sentences:
        for match in FUNCTION_AI.finditer(sentence.text):
            for word in re.findall(r"[a-z]+", match.group(0).lower()):
                head = re.sub(r"s$", "", word)
                if head in FUNCTION_HEADS:
                    heads.add(head)
                    heads.update(FUNCTION_HEADS[head])
    if not heads:
        return None
    stems = sorted(re.sub(r"(?:y|ies)$", "", h) + ("(?:y|ies)" if h.startswith("summar") else "s?")
                   for h in heads)
    return re.compile(r"\b(?:the|this|that|these|those|its|their|our)\b(?:\s+[\w-]+){0,3}?\s+"
                      r"(?:" + "|".join(stems) + r")\b", re.IGNORECASE)


#: A sentence whose subject is a negative quantifier: "No customer data was lost or exposed",
#: "Nobody was hurt",
#: "Nothing was deleted", "None of the files were touched".
NEGATIVE_SUBJECT = re.compile(r"^\W*(?:no\s+(?![,!.])[\w-]+|nothing|none|neither|nobody)\b")


#: Pattern relevance.denied_quoted: the speaker named after a quoted denial ('"No money has
#: been lost or wiped," the chief executive said') is no second clause.
ATTRIBUTION = re.compile(r"[,.]?[\"”’']?,?\s+(?:[\w.'’-]+\s+){1,6}?(?:said|says|added|told [\w\s]{1,20}?|"
                         r"confirmed|insisted|stressed)\W*$")


def denied_throughout(text: str) -> bool:
    """Whether the lower-cased sentence ``text`` is one clause under a negative-quantifier
    subject (``NEGATIVE_SUBJECT``): "No customer data was lost or exposed" is, but "No
    statement from the company, they just quietly deleted it" goes on to tell a deed. A
    speaker named after the quote (``ATTRIBUTION``) is set aside first."""
    text = ATTRIBUTION.sub("", text)
    return bool(NEGATIVE_SUBJECT.match(text)) and not re.search(r"[,;:—]|\bbut\b", text)


def denied_deed(sentence: Sentence) -> bool:
    """Pattern relevance.denied_deed: the sentence's harmful acts are said not to have happened:
    it is one clause under a negative quantifier (:func:`denied_throughout`: "No customer data
    was lost"), or every cue verb of its action types is negated ("The assistant did not give
    wrong answers"). Such a sentence tells no harm and no consequence."""
    if denied_throughout(sentence.lower):
        return True
    verbs = [verb for _, verb in action_scores(sentence).values()]
    return bool(verbs) and all(verb is not None and (any(c.dep_ == "neg" for c in verb.children)
                                                     or requested(verb))
                               for verb in verbs)


#: Verbs that ask for a deed rather than tell one: "I asked the company to delete my data".
REQUEST_VERBS = {"ask", "request", "tell", "instruct", "want", "order", "direct", "urge", "beg", "prompt",
                 "expect", "need", "plan", "intend", "hope", "try", "attempt", "refuse", "decline"}


def requested(verb) -> bool:
    """Pattern relevance.requested_deed: the cue ``verb`` (a spaCy token) is the infinitive
    complement of a verb of asking or intending ("I've asked the company to delete my personal
    data", "he was told to drop the test copy"): the deed was asked for, not told as done. Not
    so when an AI is named in the sentence ("I asked Claude Code to remove the old folders"):
    what an agent was asked to do is what it then did, the start of many an incident."""
    return verb.dep_ == "xcomp" and verb.head.lemma_ in REQUEST_VERBS and not _has_ai(verb.sent)


#: Subjects of a deed done by people: the writer ("I", "we") or a person ("he", "she"); an AI
#: is "it".
FIRST_PERSON = {"i", "we", "he", "she"}


def _subject(verb):
    """The subject token of ``verb`` (a spaCy token), looked up through coordinated verbs
    ("I opened a terminal and typed rm -rf": typed -> I); None when it has none."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ != "conj":
            return None
        verb = verb.head
    return None


def own_deed(span, scores: dict) -> bool:
    """Pattern relevance.first_person_deed: every harmful act the ``span`` tells (its
    ``scores``, ``action_scores``) has "I" or "we" for subject ("I wiped 4 years of my vault",
    "we deleted the old bucket"), or a person's pronoun ("he dropped the wrong database"): the
    writer or a person did it by hand, no AI did. Not so in a quotation
    (an agent's own confession, '"I destroyed months of your work"') or when the sentence names
    an AI ("we let the agent delete..." is then told by another cue)."""
    verbs = [verb for _, verb in scores.values()]
    if not verbs or any(verb is None for verb in verbs) or re.search(r"[\"“”]", span.text):
        return False
    if _has_ai(span):
        return False
    for verb in verbs:
        subject = _subject(verb)
        if subject is None or subject.lower_ not in FIRST_PERSON:
            return False
    return True


#: Sentences of fewer words than this are interjections (harm.interjection_skipped).
SHORT_WORDS = 3
#: Verbs whose subject "it" is no actor: "It was late", "It seems", "It happened on Friday".
NOT_DEEDS = {"be", "seem", "appear", "happen", "look", "feel", "sound", "matter", "turn", "take", "cost", "mean",
             "occur", "rain", "get", "become", "remain"}


def it_acts(span) -> bool:
    """Pattern harm.pronoun_chain: the span's main verb has "it" for subject and is a deed,
    not a state ("It generated a cleanup script", not "It was late", :data:`NOT_DEEDS`). Just
    after an AI reference (two sentences or fewer) the "it" is the AI, and the reference
    carries on from there: "I told Claude Code to clean up. ... It generated a script. The
    script did rm -rf ~/" tells the agent's deed."""
    root = span.root
    if root.pos_ not in ("VERB", "AUX") or root.lemma_ in NOT_DEEDS:
        return False
    return any(child.dep_ == "nsubj" and child.lower_ == "it" for child in root.children)


def real_consequence(text: str, deed: bool = False) -> bool:
    """True when the lower-cased sentence ``text`` tells a real-world consequence: a ``REAL``
    word not denied just before it (``NEGATED``), or a ``CONTEXT`` word ("customers") in a
    sentence that tells a harmful ``deed`` (an action cue or a ``CONSEQUENCE`` verb)."""
    for match in REAL.finditer(text):
        if not NEGATED.search(text[max(0, match.start() - 40):match.start()]):
            return True
    return deed and bool(CONTEXT.search(text))


def features(sentences: list[Sentence], title: Optional[Span] = None,
             text: str = "") -> RelevanceFeatures:
    """Count the evidence in ``sentences`` and the parsed ``title`` (see module doc), and the
    placeholders in the report's ``text`` as given (before markup is masked for parsing).

    A harmful-action sentence counts when an AI reference is in it or in one of the two
    sentences before it (the agent is then "it" or "the agent"); a product's head noun
    ("the feature", :func:`_ai_heads`) is such a reference, but it names no AI anew, so it
    is not counted in ``ai``.
    """
    found = RelevanceFeatures(sentences=sum(bool(WORDED.search(s.text)) for s in sentences),
                              placeholders=len(PLACEHOLDER.findall(text)),
                              changelog=len(CHANGELOG_ENTRY.findall(text)),
                              false_rating=len(FALSE_RATING.findall(text)))
    slots = set(CAPS_SLOT.findall(text))
    found.placeholders += len(slots) if len(slots) >= CAPS_SLOTS else 0
    disowned = _disowned(sentences)
    bots = _bot_names(sentences, disowned)
    heads = _ai_heads(sentences)
    # relevance.denied_ai: an AI named only to be cleared ("not the work of any automated
    # tool") is no reference to one
    kinds = _product_heads(sentences)
    mentions = [(_has_ai(s.span, disowned) or bool(bots and bots.search(s.text))
                 or bool(kinds and kinds.search(s.text)))
                and not DENIED_AI.search(s.lower) for s in sentences]
    recent = -9
    # harm.interjection_skipped: a reply of a word or two ending its sentence ("Yes.", "I
    # know.") does not stand between an AI reference and the deed it goes on to tell; a
    # heading of a word or two ("Impact") does, it opens another part
    steps = [0]
    for sentence in sentences:
        steps.append(steps[-1] + (len(WORDED.findall(sentence.text)) >= SHORT_WORDS
                                  or not re.search(r"[.!?]\W*$", sentence.text)))
    unclaimed: list[int] = []  # deeds told before any AI reference (harm.attributed_after)
    for position, sentence in enumerate(sentences):
        text = sentence.lower
        has_ai = mentions[position]
        # relevance.denied_ai: a product named only to be cleared ("not related to Orvo Assist")
        # is no named agent either
        found.named_agent += (any(e.label_ == "AGENT" and not is_model(e.ent_id_) and e.text not in disowned
                                  for e in sentence.span.ents)
                               # a capitalised product kind ("Orvo Assist", ai.product_title) names an
                               # AI but is no known agent product
                               or bool(bots and bots.search(PRODUCT_TITLE_RE.sub(" ", sentence.text)))) \
            and not DENIED_AI.search(text)
        found.ai += has_ai
        step = steps[position + 1]
        if has_ai or (heads and heads.search(sentence.text)) or (step - recent <= 2 and it_acts(sentence.span)):
            recent = step
        deed = not denied_deed(sentence) and (bool(CONSEQUENCE.search(text)) or (
            bool(action_scores(sentence)) and not own_deed(sentence.span, action_scores(sentence))))
        no_failure = deed and bool(NO_FAILURE.search(text))
        found.denied_harm += no_failure or bool(NOTHING_HAPPENED.search(text))
        if step - recent <= 2 and deed and not hedged(text) and not no_failure:
            found.harm += 1
        elif deed and not hedged(text) and not no_failure:
            unclaimed.append(position)
        if has_ai and ATTRIBUTED.search(text):
            found.harm += sum(position - 2 <= p < position for p in unclaimed)
            unclaimed.clear()
        found.real += real_consequence(text, deed) and not HABITUAL.search(text) \
            and not denied_throughout(text) and not STAGED.search(text)
        found.research += bool(RESEARCH.search(text))
        found.researcher += bool(RESEARCHER.search(text))
        found.launch += bool(LAUNCH.search(text))
        found.unreal += bool(UNREAL.search(text))
        found.satire += bool(SATIRE.search(text))
        found.cause_cleared += bool(CAUSE_CLEARED.search(text))
        found.denied_ai += bool(DENIED_AI.search(text)) or (
            bool(FAULT_DENIED.search(text)) and (has_ai or (position > 0 and mentions[position - 1])))
        found.imperatives += imperative(sentence.span)
        found.ai_victim += (has_ai and (not deed and bool(AI_VICTIM.search(text))
                                        or bool(SHARED_DEPENDENCY.search(text)))) or \
            bool(UPSTREAM_FAILURE.search(sentence.text))
    if title is not None:
        title_text = title.text.lower()
        found.title_howto = bool(HOWTO_TITLE.search(title.text))
        if TEMPLATE_TITLE.search(title.text):
            found.placeholders += TEMPLATE_PLACEHOLDERS
        title_scores = score_sentence(title)
        found.title_harm = not found.title_howto and \
            bool((title_scores and not own_deed(title, title_scores)) or CONSEQUENCE.search(title_text)) and \
            (_has_ai(title, disowned) or (found.ai > 0 and not any(e.text in disowned for e in title.ents))) and \
            not hedged(title_text) and \
            not DENIED_AI.search(title_text)
        found.title_research = bool(RESEARCH.search(title.text.lower()) or
                                    re.search(r"\binjection\b|\bcve\b|\brce\b|\bflaw\b|\bexploit",
                                              title.text.lower()))
        found.title_launch = bool(LAUNCH.search(title.text.lower())) and not found.title_harm
        found.satire += bool(SATIRE.search(title.text))
        found.denied_ai += bool(DENIED_AI.search(title_text))
        found.ai_victim += _has_ai(title, disowned) and bool(AI_VICTIM.search(title_text))
    # genre.howto_question: a question page's title stands below the site's chrome ("Stack
    # Exchange > Super User", then "How can I stop Claude Code from deleting files...?")
    found.help_page = any(HELP_PAGE.search(s.text) for s in sentences[:HEAD_SENTENCES])
    found.title_howto = found.title_howto or any(
        HOWTO_TITLE.search(s.text) and s.text.rstrip().endswith("?") for s in sentences[:HEAD_SENTENCES])
    return found


def genre_penalty(found: RelevanceFeatures) -> float:
    """Logit penalty for a document whose form says it reports nothing real: a template
    (``TEMPLATE_PLACEHOLDERS`` or more placeholders), release notes (``CHANGELOG_ENTRIES`` or
    more entries), a fact-check that rates its claim false (``FALSE_RATING``) or news satire
    (its conventions); 0.0 otherwise."""
    penalty = 0.0
    if found.placeholders >= TEMPLATE_PLACEHOLDERS:
        penalty += 5.0
    if found.changelog >= CHANGELOG_ENTRIES:
        penalty += 4.0
    if found.false_rating:
        penalty += 4.0
    if found.satire:
        penalty += 8.0
    return penalty


def howto(found: RelevanceFeatures) -> bool:
    """A guide: a how-to title, or instructions in the imperative (``HOWTO_IMPERATIVES`` and
    ``HOWTO_SHARE`` of the sentences), with fewer than two consequence sentences (a post-mortem
    ends with its lessons in the imperative, after the harm it tells); a help-centre page
    (``HELP_PAGE`` in its head, genre.help_centre) in the imperative is a guide whatever its
    warnings say."""
    instructions = found.imperatives >= HOWTO_IMPERATIVES and \
        found.imperatives >= HOWTO_SHARE * found.sentences
    return (found.title_howto or instructions) and (found.real < 2 or (found.help_page and instructions))


def in_passing(found: RelevanceFeatures) -> bool:
    """AI named in passing only (a handful of sentences in a long report): the harm was done
    by something else (a stealer, a DNS fault). Not so when a known agent product (not a
    foundation model) is named and a harmful action is told: a forum thread names its
    subject in few of its many short posts. A bot the report names (``_bot_names``) counts as
    a known product."""
    few = found.ai < 5 and found.ai / max(found.sentences, 1) < 0.1
    return few and not (found.named_agent and found.harm)


def score(found: RelevanceFeatures) -> float:
    """Probability-like relevance score in [0, 1] from the features."""
    if found.ai == 0:
        return 0.02
    rate = 1.0 / max(found.sentences, 1)
    logit = (-1.5 + 1.2 * math.log1p(found.harm) + 0.9 * math.log1p(found.real)
             - 1.4 * math.log1p(found.research) - 0.5 * math.log1p(found.launch)
             - 0.8 * math.log1p(found.unreal) + 0.3 * math.log1p(found.ai)
             - 0.7 * math.log1p(found.researcher) - 1.5 * found.title_launch
             - genre_penalty(found) - 2.0 * min(found.denied_ai + found.denied_harm, 1)
             - 2.0 * min(found.ai_victim, 2) - 2.0 * howto(found)
             # relevance.headline_disowned: the headline's harm is not the AI's when the body
             # clears the AI ("caused by human error ..., not by our AI")
             + 1.2 * (found.title_harm and not found.cause_cleared) - 1.2 * found.title_research
             # densities, so that a short incident note is not out-voted by a long write-up
             + 8.0 * found.real * rate - 2.0 * found.research * rate
             - ((2.0 if found.harm else 3.0) if in_passing(found) else 0.0))
    return 1.0 / (1.0 + math.exp(-logit))
