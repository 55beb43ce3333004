"""Screening of non-English reports (kb.nlp.foreign): relevance and names only.

The reports here are short ones written for these tests, in several languages, both ways:
incidents that must pass with the right names and action type, and look-alikes (an outage
with no AI act, a launch, a warning, a negated act, a report with no name) that must not.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.nlp.foreign import DATA, cues, screen, split_sentences
from kb.nlp.pipeline import analyze_text
from kb.nlp.types import ACTION_TYPES

REPO = Path(__file__).resolve().parent.parent


def _primary(analysis):
    assert analysis.relevant, analysis.note
    assert len(analysis.mentions) == 1 and analysis.mentions[0].primary
    return analysis.mentions[0]


def _names(analysis):
    mention = _primary(analysis)
    return mention.agent, mention.vendor, mention.action_type


# --- incidents that pass -----------------------------------------------------------------

def test_german_report_names_a_known_vendor_in_a_compound():
    text = ("Replit-KI löscht Produktionsdatenbank\n\n"
            "Der KI-Agent von Replit hat während eines Code-Freeze die Produktionsdatenbank eines "
            "Start-ups gelöscht. Mehr als 1.200 Datensätze waren danach verloren.")
    analysis = screen(text, language="de")
    assert _names(analysis) == ("Replit Agent", "Replit", "delete_data")
    assert analysis.note == ("language de: screened in German for relevance and names only; "
                             "other fields need English")


def test_french_report_names_a_known_agent():
    text = ("L'assistant de codage Claude Code a supprimé le répertoire personnel d'un "
            "développeur. Celui-ci avait lancé l'outil sans restriction sur son ordinateur.")
    assert _names(screen(text, language="fr")) == ("Claude Code", "Anthropic", "delete_data")


def test_italian_bot_owner_stands_for_the_vendor_when_no_name_is_known():
    text = ("Il chatbot di Air Canada ha inventato una politica di rimborso per lutto. "
            "Un tribunale ha dato ragione al passeggero.")
    assert _names(screen(text, language="it")) == (None, "Air Canada", "fabrication")


def test_portuguese_and_polish_reports_pass():
    portuguese = ("O agente de IA da Replit apagou o banco de dados de produção de uma empresa, "
                  "apesar de uma ordem para não mexer no código.")
    polish = ("Agent AI firmy Replit usunął produkcyjną bazę danych klienta w czasie "
              "zamrożenia kodu.")
    assert _names(screen(portuguese, language="pt")) == ("Replit Agent", "Replit", "delete_data")
    assert _names(screen(polish, language="pl")) == ("Replit Agent", "Replit", "delete_data")


def test_a_bot_named_after_a_naming_word_is_the_agent():
    danish = ("Kommunens chatbot, som hedder Sofie, opfandt en regel om tilskud til briller. "
              "Over 300 borgere søgte om tilskuddet.")
    spanish = ("El asistente virtual Lola de la aerolínea inventó un descuento del 50 % para "
               "estudiantes. La empresa tuvo que honrarlo.")
    assert _names(screen(danish, language="da")) == ("Sofie", None, "fabrication")
    assert _names(screen(spanish, language="es")) == ("Lola", None, "fabrication")


def test_a_quoted_bot_name_and_an_unbidden_change():
    text = ("Der KI-Assistent „Tarifa“ der Stadtwerke hat die Abschläge von 8.000 Kunden "
            "eigenständig geändert, statt nur Vorschläge zu machen.")
    assert _names(screen(text, language="de")) == ("Tarifa", None, "unauthorized_change")


def test_norwegian_text_uses_the_shared_danish_and_norwegian_cues():
    text = "KI-agenten Devin slettet hele databasen til kunden i går, og selskapet beklager."
    for code in ("no", "nb", "da"):
        assert _names(screen(text, language=code)) == ("Devin", "Cognition", "delete_data")


def test_date_of_the_incident_not_of_the_article():
    text = ("Le chatbot baptisé « Léa » a inventé une règle de remboursement\n\n"
            "Publié le 12 mars 2026\n\n"
            "Pendant trois semaines en février, l'assistant virtuel a promis aux voyageurs un "
            "remboursement intégral. Léa a inventé cette règle, reconnaît l'opérateur.")
    mention = _primary(screen(text, language="fr"))
    assert (mention.agent, mention.occurred) == ("Léa", "2026-02")


def test_date_line_under_a_masthead_dates_the_report():
    # foreign_dates.dateline: masthead, sections, headline, standfirst and byline come first
    text = ("Diario de Ribera\n\nPortada · Local · Economía · Opinión\n\nSuscríbete\n\nECONOMÍA\n\n"
            "Un asistente con IA borra la agenda de una gestoría\n\n"
            "La empresa admite que no revisó la configuración\n\nAna Ruiz\n\n"
            "Zaragoza - 3 FEB 2026 - 09:10 CET\n\n"
            "El asistente de IA Gestia borró sin pedir confirmación todos los archivos de la gestoría.")
    mention = _primary(screen(text, language="es"))
    assert mention.occurred == "2026-02"


def test_evidence_points_into_the_text_and_other_fields_stay_empty():
    text = ("Antigravity borra el disco de un usuario\n\n"
            "Antigravity, la herramienta de Google para programar con IA, eliminó todo el "
            "contenido de la unidad D: sin pedir confirmación.")
    mention = _primary(screen(text, language="es", published="2025-12-05"))
    assert (mention.agent, mention.vendor, mention.action_type) == ("Antigravity", "Google",
                                                                    "delete_data")
    assert mention.occurred == "2025-12"
    assert (mention.action, mention.target, mention.deployer, mention.blamed) == (
        None, None, None, "none")
    assert {e.field for e in mention.evidence} == {"agent", "vendor", "action_type", "occurred"}
    for item in mention.evidence:
        assert text[item.start:item.end] == item.sentence
        assert item.rule.startswith("foreign.")


def test_a_title_given_apart_from_the_text_is_screened_as_a_headline():
    body = "Der Agent hatte vollen Zugriff auf das Produktivsystem des Kunden."
    analysis = screen(body, language="de", title="KI-Agent Kiro löscht Produktionsumgebung")
    mention = _primary(analysis)
    assert (mention.agent, mention.action_type) == ("Kiro", "delete_data")
    for item in mention.evidence:
        assert body[item.start:item.end] == item.sentence


def test_the_maker_or_supplier_phrase_names_the_vendor():
    french = ("Le chatbot « Nina » de la mutuelle a inventé un délai de remboursement. La mutuelle "
              "accuse le prestataire qui fournit l'outil, la société nantaise Verbalis.")
    german = ("Der KI-Assistent „Tarifa“ hat die Abschläge von 8.000 Kunden eigenständig geändert. "
              "Das System stammt von der Kölner Firma Rechenwerk GmbH.")
    dutch = ("De digitale assistent Joost gaf huurders een verkeerde datum. Volgens de corporatie "
             "ligt de fout bij de leverancier van de software, het Delftse bedrijf Spraakmaker.")
    swedish = ("AI-agenten, som heter Loke och säljs av Malmöbolaget Brygga AI, raderade kundregistret.")
    spanish = ("El asistente virtual Lola, desarrollado por la empresa Conversia, inventó un "
               "descuento del 50 % para estudiantes.")
    assert _names(screen(french, language="fr"))[:2] == ("Nina", "Verbalis")
    assert _names(screen(german, language="de"))[:2] == ("Tarifa", "Rechenwerk")
    assert _names(screen(dutch, language="nl"))[:2] == ("Joost", "Spraakmaker")
    assert _names(screen(swedish, language="sv"))[:2] == ("Loke", "Brygga AI")
    assert _names(screen(spanish, language="es"))[:2] == ("Lola", "Conversia")
    mention = _primary(screen(german, language="de"))
    assert next(e.rule for e in mention.evidence if e.field == "vendor") == "foreign.maker"


def test_a_company_introduced_without_a_maker_phrase_is_not_the_vendor():
    text = ("Der KI-Assistent „Tarifa“ der Stadtwerke hat die Abschläge von 8.000 Kunden "
            "eigenständig geändert. Die Firma Rechenwerk prüft den Fall für die Stadtwerke.")
    assert _names(screen(text, language="de"))[:2] == ("Tarifa", None)


# --- look-alikes that must not pass -----------------------------------------------------

@pytest.mark.parametrize("language, text", [
    # an outage with no AI act; the bank's chatbot is a victim, and nothing was deleted
    ("de", "Störung bei der Sparkasse Nordtal: Online-Banking stundenlang nicht erreichbar. "
           "Ein Hardwaredefekt im Rechenzentrum legte die Systeme lahm, Daten wurden nicht "
           "gelöscht. Auch der Chatbot der Bank war nicht erreichbar."),
    ("pt", "Clientes ficaram sem Pix por seis horas. A assistente virtual do banco, a Lia, "
           "também ficou fora do ar, e não houve vazamento de dados."),
    # a launch: what the agent can do, in the infinitive
    ("fr", "Google lance Gemini 3 : l'assistant IA pourra supprimer des courriels, réserver des "
           "billets et modifier des documents à la demande de l'utilisateur."),
    ("es", "Microsoft presenta su nuevo agente de IA, que podrá borrar archivos y enviar "
           "correos en nombre del usuario a partir de mayo."),
    ("nl", "De gemeente introduceert de digitale assistent Gijs, die vragen van inwoners "
           "beantwoordt en afspraken inplant."),
    # a warning: a modal before the participle
    ("it", "Gli esperti avvertono che con un agente di IA come Claude Code i dati potrebbero "
           "essere cancellati per errore."),
    # a negated act, the negation after the verb
    ("sv", "Kodagenten Claude Code raderade inte några filer, enligt företaget."),
    # no AI at all
    ("sv", "En tekniker hos Telia raderade av misstag en kunddatabas under en uppgradering."),
    # a person called Claude is not the model
    ("fr", "Selon l'entreprise, ce n'est pas l'IA : Claude Martin, administrateur, a supprimé "
           "les fichiers par erreur."),
])
def test_look_alikes_are_not_relevant(language, text):
    analysis = screen(text, language=language)
    assert analysis.relevant is False and analysis.mentions == []
    assert analysis.note.startswith(f"language {language}: screened in")


def test_an_incident_with_no_name_is_not_relevant():
    text = "Un chatbot ha inventato una regola di rimborso, secondo alcuni utenti."
    analysis = screen(text, language="it")
    assert analysis.relevant is False
    assert analysis.note == ("language it: screened in Italian: no known agent, named bot or "
                             "owner")


def test_a_language_without_cues_is_ruled_out_as_before():
    text = "Агент удалил базу данных компании Replit."
    analysis = screen(text, language="ru")
    assert analysis.relevant is False
    assert analysis.note == "language ru not supported by the English pipeline"


# --- wiring -------------------------------------------------------------------------------

def test_analyze_text_screens_a_non_english_report():
    text = ("Il chatbot di Air Canada ha inventato una politica di rimborso per lutto, e la "
            "compagnia ha dovuto risarcire il passeggero secondo il tribunale canadese.")
    analysis = analyze_text(text)
    assert analysis.language == "it"
    assert _names(analysis) == (None, "Air Canada", "fabrication")


def test_a_non_english_web_page_reaches_its_screen(tmp_path):
    page = tmp_path / "seite.html"
    page.write_text(
        "<html lang='de'><head><title>KI-Agent löscht Datenbank</title></head><body><article>"
        "<h1>KI-Agent von Replit löscht Datenbank eines Start-ups</h1>"
        "<p>Der KI-Agent von Replit hat während eines Code-Freeze die Produktionsdatenbank "
        "eines Start-ups gelöscht. Der Gründer berichtete, mehr als tausend Datensätze seien "
        "verloren gegangen, und das Unternehmen habe sich entschuldigt.</p>"
        "<p>Die Firma kündigte an, Entwicklungs- und Produktionsdatenbanken künftig "
        "automatisch zu trennen.</p></article></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(page)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["relevant"] is True
    incident = record["incidents"][0]
    assert (incident["agent"], incident["vendor"], incident["action_type"]) == (
        "Replit Agent", "Replit", "delete_data")


@pytest.mark.parametrize("name, agent, vendor, action_type", [
    ("extra/017", "Léa", "Parlao", "fabrication"),
    ("heldout/025", "Antigravity", "Google", "delete_data"),
    ("final/015", "KIRA", "Datavista", "unauthorized_change"),
    ("blind4/020", "Fien", "Praatwerk", "fabrication"),
    ("blind5/005", "Loda", "Kvist AI", "delete_data"),
])
def test_non_english_fixtures(name, agent, vendor, action_type):
    folder, number = name.split("/")
    path = next((REPO / "tests" / "fixtures" / folder).glob(f"{number}-*"))
    text = path.read_text(encoding="utf-8")
    assert _names(analyze_text(text, title=text.split("\n", 1)[0])) == (agent, vendor, action_type)


@pytest.mark.parametrize("name", ["extra/030", "heldout/026", "final/028"])
def test_non_english_fixture_look_alikes(name):
    folder, number = name.split("/")
    path = next((REPO / "tests" / "fixtures" / folder).glob(f"{number}-*"))
    assert analyze_text(path.read_text(encoding="utf-8")).relevant is False


# --- the data file and the sentence splitter ---------------------------------------------

def test_every_language_block_compiles_and_names_known_action_types():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for code in (c for c in data if c not in ("_about", "shared")):
        language = cues(code)
        assert language is not None and len(language.months) == 12
        for key in ("harm", "weak_harm", "headline"):
            assert set(data[code][key]) <= set(ACTION_TYPES)


def test_sentences_split_on_full_stops_but_not_after_ordinals():
    text = "Am 27. Januar änderte KIRA die Abschläge. Niemand merkte es.\nZweite Zeile"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Am 27. Januar änderte KIRA die Abschläge.", "Niemand merkte es.", "Zweite Zeile"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_things_said_not_to_exist_are_fabrication():
    portuguese = ("Advogada usa ChatGPT e cita acórdãos inexistentes em recurso\n\n"
                  "O tribunal de Campinas multou a advogada na semana passada.")
    assert _names(screen(portuguese, language="pt")) == ("ChatGPT", "OpenAI", "fabrication")
    spanish = ("Un abogado presentó un escrito hecho con ChatGPT. Las sentencias citadas no "
               "existen, según el juzgado de Valencia.")
    assert _names(screen(spanish, language="es")) == ("ChatGPT", "OpenAI", "fabrication")


def test_the_cheap_check_before_reading_a_foreign_page():
    from kb.nlp.foreign import may_describe_incident
    assert may_describe_incident("Der KI-Agent hat die Kundendatenbank gelöscht.", "de")
    assert not may_describe_incident("Der Zug nach Köln hat heute zwanzig Minuten Verspätung, "
                                      "die Bahn entschuldigt sich.", "de")
    assert not may_describe_incident("Der KI-Agent hat die Kundendatenbank gelöscht.", "ja")


def test_a_death_after_talks_with_a_bot_named_in_apposition_passes():
    """A suicide told near an AI term is a harm cue; a quoted name set before the AI term in
    apposition to it is the bot's name."""
    text = ("Une adolescente s'est donné la mort après des mois d'échanges avec « Nova », "
            "un compagnon de chatbot proposé par une application. Sa mère a lu les "
            "conversations.")
    mention = _primary(screen(text, language="fr"))
    assert mention.agent == "Nova" and mention.action_type == "other"
    assert not screen("Le chatbot « Nova » aide les élèves à réviser.", language="fr").relevant


def test_false_accusations_by_a_chatbot_are_a_fabrication():
    """A chatbot that accused a real person of crimes spread false accusations ("falsche
    Vorwürfe", "fausses accusations"), a fabrication; the same words about a person's rival
    without an AI term are not screened in."""
    german = ("KI-Chatbot verbreitet falsche Vorwürfe über Lokaljournalisten\n\n"
              "Der KI-Assistent Copilot von Microsoft hat einen Gerichtsreporter als verurteilten "
              "Betrüger beschrieben. Der Chatbot verbreitete falsche Vorwürfe, nichts davon stimmt.")
    assert _names(screen(german, language="de"))[2] == "fabrication"
    french = ("Le chatbot ChatGPT a formulé de fausses accusations contre un maire, "
              "le présentant comme condamné pour corruption.")
    assert _names(screen(french, language="fr"))[2] == "fabrication"
    rival = "Der Bürgermeister wies die falschen Vorwürfe seines Gegners zurück."
    assert screen(rival, language="de").relevant is False


# --- the deployer of a screened report (kb.nlp.foreign_deployer) -------------------------

def _deployer(text, language):
    mention = _primary(screen(text, language=language))
    rules = [e.rule for e in mention.evidence if e.field == "deployer"]
    return mention.deployer, rules


def test_owner_of_the_harmed_database_is_the_deployer_not_the_bot_maker():
    italian = ("L'agente AI di Replit cancella il database di produzione di Brunoro\n\n"
               "Brunoro, una piccola azienda di logistica, usava l'agente da un mese. L'agente ha "
               "cancellato il database di produzione di Brunoro durante la notte.")
    assert _deployer(italian, "it") == ("Brunoro", ["foreign.harm_owner"])


def test_a_describing_word_may_stand_before_the_owner():
    swedish = ("AI-agent raderade databas\n\n"
               "En AI-agent som heter Sopa raderade produktionsdatabasen hos klädkedjan Norrbo Mode "
               "i Luleå. Norrbo Mode hade köpt agenten i höstas.")
    assert _deployer(swedish, "sv") == ("Norrbo Mode", ["foreign.harm_owner"])


def test_german_customers_of_a_named_utility_but_not_of_a_common_noun():
    named = ("KI-Assistent bucht zu viel ab\n\n"
             "Ein KI-Assistent namens „Rita“ hat die Abschläge von 5.000 Kunden der Wasserwerke "
             "Lindau eigenständig geändert. Die Wasserwerke Lindau entschuldigten sich.")
    assert _deployer(named, "de") == ("Wasserwerke Lindau", ["foreign.harm_owner"])
    common = ("KI-Assistent bucht zu viel ab\n\n"
              "Ein KI-Assistent namens „Rita“ hat die Abschläge der Kunden der Bank eigenständig "
              "geändert. "
              "Die Bank entschuldigte sich.")
    assert _deployer(common, "de") == (None, [])


def test_owner_of_a_named_bot_runs_it():
    french = ("Le chatbot de Ferralis a inventé une règle de remboursement. L'assistant, "
              "baptisé « Max », a promis des remboursements intégraux. Ferralis a décidé de payer.")
    assert _deployer(french, "fr") == ("Ferralis", ["foreign.bot_owner"])


def test_a_public_service_is_run_by_its_vendor():
    german = ("Copilot erfindet Vorwürfe gegen Lehrerin\n\n"
              "Als die Lehrerin ihren Namen in Microsofts Copilot eingab, erfand der KI-Assistent "
              "eine Verurteilung.")
    assert _deployer(german, "de") == ("Microsoft", ["foreign.vendor_service"])


def test_a_capitalised_word_after_the_owner_is_not_part_of_its_name():
    german = ("KI-Assistent bucht zu viel ab\n\n"
              "Ein KI-Assistent namens „Rita“ hat bei 5.000 Kunden der Wasserwerke Lindau Anfang März "
              "die Abschläge eigenständig geändert. Die Wasserwerke Lindau entschuldigten sich.")
    assert _deployer(german, "de") == ("Wasserwerke Lindau", ["foreign.harm_owner"])


def test_fake_nude_images_made_with_ai_are_a_harm():
    """Non-consensual fake nudes made with an AI app are a finished harm ('other'): the screen
    finds a harm cue beside the AI term (it then asks for a known name, which this page lacks)."""
    spanish = ("Difunden desnudos falsos de menores creados con inteligencia artificial\n\n"
               "Varias familias denuncian que la aplicación de IA generó desnudos falsos de sus hijas.")
    assert screen(spanish, language="es").note != ("language es: screened in Spanish: "
                                                  "no AI term near a harm cue")


def test_a_bot_named_between_commas_after_the_ai_term_is_the_agent():
    """foreign.appositive_name: the name in apposition, the clause going on in lower case."""
    named = ("Un asistente de inteligencia artificial, Brisa, que gestiona las reservas del hotel, "
             "inventó una tarifa para grupos que el hotel tuvo que respetar.")
    listed = ("Las empresas de inteligencia artificial, Brisa, Corto y Lumen, presentaron sus "
              "productos. Un chatbot inventó una tarifa, según algunos clientes.")
    assert _names(screen(named, language="es")) == ("Brisa", None, "fabrication")
    assert screen(listed, language="es").relevant is False
