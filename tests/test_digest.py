"""The weekly digest end to end: the real seeds built into a knowledge base,
subscribers, and an aiosmtpd server on 127.0.0.1 receiving what `kb digest --send` sends."""

import html
import re
import shutil
from datetime import date
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from kb.cli import cli
from kb.db import open_db
from kb.digest import WeekError, build_message, parse_week, select_week
from kb.mailer import SendError, SettingsError, load_settings, send_batch
from kb.subscribers import active_subscribers
from conftest import SHARED, free_port

WEEK = "2026-W47"          # Monday 16 Nov to Sunday 22 Nov 2026
IN_WEEK = "2026-11-18T09:00:00Z"
WEEK_BEFORE = "2026-11-10T09:00:00Z"
SITE = "https://kb.example.org"
EVIL_TITLE = "<script>alert('x')</script> Evil agent\r\nBcc: victim@attacker.example\r\n"


class Mailbox:
    """aiosmtpd handler keeping every delivered message; refuses addresses in ``refuse``."""

    def __init__(self):
        self.messages = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos),
                              message_from_bytes(envelope.original_content, policy=default),
                              envelope.original_content))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for rcpt, message, _ in self.messages if address in rcpt]



@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailbox.env = {"KB_SMTP_HOST": "127.0.0.1", "KB_SMTP_PORT": str(controller.port),
                   "KB_SMTP_TLS": "none", "KB_SMTP_FROM": "Blast Radius <digest@kb.example.org>",
                   "KB_SITE_URL": SITE}
    yield mailbox
    controller.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The four seeds imported and built; everything entered the knowledge base in
    the test week except the Antigravity incident (a week earlier: it changes this week);
    plus an incident with a hostile title."""
    db_path = tmp_path_factory.mktemp("digest") / "kb.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["import", "--db", str(db_path), str(SHARED / "seeds")]).exit_code == 0
    assert runner.invoke(cli, ["build", "--db", str(db_path)]).exit_code == 0
    db = open_db(db_path)
    with db.conn:
        db.execute("update incidents set created_at = ?, updated_at = ?", [IN_WEEK, IN_WEEK])
        db.execute("update reports set imported_at = ?", [IN_WEEK])
        db.execute("update incidents set created_at = ? where agent = 'Antigravity'", [WEEK_BEFORE])
        db["incidents"].insert({
            "id": "2026-11-evil-agent", "title": EVIL_TITLE, "agent": "Evil<b>agent</b>",
            "vendor": "Evil\r\nX-Injected: yes", "action": "ran <img src=x onerror=alert(1)>",
            "action_type": "other", "blamed": "ai", "blame_statement": "It was <i>the AI</i>",
            "status": "active", "report_count": 0, "first_reported": "2000-01-01",
            "created_at": IN_WEEK, "updated_at": IN_WEEK,
        })
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")   # so a plain file copy has everything
    db.close()
    return db_path


@pytest.fixture
def db_path(built, tmp_path):
    copy = tmp_path / "kb.db"
    shutil.copy(built, copy)
    return copy


def kb(*args, env=None):
    return CliRunner(mix_stderr=False).invoke(cli, [str(a) for a in args], env=env or {})


def subscribe(db_path, *args):
    result = kb("subscribe", "--db", db_path, *args)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def send(db_path, smtp, *extra):
    return kb("digest", "--db", db_path, "--week", WEEK, "--send", *extra, env=smtp.env)


def parts(message):
    text = message.get_body(("plain",)).get_content()
    body = message.get_body(("html",)).get_content()
    return text, body


def kiro_id(db_path):
    return open_db(db_path).execute("select id from incidents where agent = 'Kiro'").fetchone()[0]


def test_send_delivers_one_multipart_digest_per_subscriber(db_path, smtp):
    subscribe(db_path, "ana@example.org")
    subscribe(db_path, "bob@example.org", "--vendor", "replit")
    result = send(db_path, smtp)
    assert result.exit_code == 0, result.output + result.stderr
    assert "sent 2, failed 0" in result.output
    assert sorted(rcpt[0] for rcpt, _, _ in smtp.messages) == ["ana@example.org", "bob@example.org"]

    [message] = smtp.to("ana@example.org")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    text, body = parts(message)
    db = open_db(db_path)
    kiro = db["incidents"].get(kiro_id(db_path))
    assert kiro["blamed"] == "human" and kiro["blame_statement"]
    for part in (text, html.unescape(body)):
        assert kiro["title"] in part
        assert kiro["blame_statement"] in part
        assert f"{SITE}/kb/incidents/{kiro['id']}" in part
        assert "Amazon blamed employees for its AI agent's mistake" in part   # a first report
    # Antigravity entered the week before and gained a report this week: it changed.
    changed = text.split("INCIDENTS THAT CHANGED", 1)[1].split("THE WEEK IN PATTERNS")[0]
    assert "Antigravity" in changed and "1 new report" in changed
    assert "destroy infrastructure: 1 (0, 0.0/week)" in text
    assert "delete data: 1 (1, 0.25/week)" in text

    token = db.execute("select token from subscribers where email = 'ana@example.org'").fetchone()[0]
    assert token in message["List-Unsubscribe"]
    assert token in text and token in body and "Unsubscribe" in body

    [filtered] = smtp.to("bob@example.org")
    text, _ = parts(filtered)
    assert "Replit Agent" in text and "Kiro" not in text
    rows = list(db.query("select email, status, attempts from digests where week = ? order by email", [WEEK]))
    assert rows == [{"email": "ana@example.org", "status": "sent", "attempts": 1},
                    {"email": "bob@example.org", "status": "sent", "attempts": 1}]


def test_a_second_run_sends_nothing_and_force_sends_again(db_path, smtp):
    subscribe(db_path, "ana@example.org")
    assert send(db_path, smtp).exit_code == 0
    again = send(db_path, smtp)
    assert again.exit_code == 0 and "sent 0, failed 0, already sent 1" in again.output
    assert len(smtp.messages) == 1
    forced = send(db_path, smtp, "--force")
    assert forced.exit_code == 0 and "sent 1" in forced.output
    first, second = (message for _, message, _ in smtp.messages)
    assert first["Message-ID"] != second["Message-ID"]
    assert open_db(db_path).execute("select attempts from digests").fetchone()[0] == 2


def test_a_refused_recipient_is_recorded_and_retried_next_run(db_path, smtp):
    for address in ("ana@example.org", "carol@example.org", "dan@example.org"):
        subscribe(db_path, address)
    smtp.refuse.add("carol@example.org")
    first = send(db_path, smtp)
    assert first.exit_code == 1
    assert "1 recipients failed" in first.stderr and "Traceback" not in first.stderr
    assert sorted(rcpt[0] for rcpt, _, _ in smtp.messages) == ["ana@example.org", "dan@example.org"]
    row = open_db(db_path).execute(
        "select status, error from digests where email = 'carol@example.org'").fetchone()
    assert row[0] == "failed" and "550" in row[1]

    smtp.refuse.clear()
    second = send(db_path, smtp)
    assert second.exit_code == 0, second.stderr
    assert "sent 1, failed 0, already sent 2" in second.output
    assert [rcpt[0] for rcpt, _, _ in smtp.messages[2:]] == ["carol@example.org"]


def test_a_batch_that_crashes_resumes_where_it_stopped(db_path, smtp):
    for address in ("ana@example.org", "bob@example.org", "carol@example.org"):
        subscribe(db_path, address)
    db = open_db(db_path)
    settings = load_settings(environ=smtp.env)
    digest = select_week(db, parse_week(WEEK), SITE)
    batch = [(s, build_message(digest, s, settings.sender), 1) for s in active_subscribers(db)]

    def crash_after_the_first(email, outcome):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        send_batch(db, WEEK, iter(batch), settings, progress=crash_after_the_first)
    assert [rcpt[0] for rcpt, _, _ in smtp.messages] == ["ana@example.org"]

    resumed = send(db_path, smtp)
    assert resumed.exit_code == 0, resumed.stderr
    assert "sent 2, failed 0, already sent 1" in resumed.output
    assert sorted(rcpt[0] for rcpt, _, _ in smtp.messages) == [
        "ana@example.org", "bob@example.org", "carol@example.org"]


def test_a_dropped_connection_stops_the_batch_cleanly(db_path, smtp):
    subscribe(db_path, "ana@example.org")
    env = {**smtp.env, "KB_SMTP_PORT": str(free_port())}   # nothing listens there
    result = kb("digest", "--db", db_path, "--week", WEEK, "--send", env=env)
    assert result.exit_code == 1
    assert "cannot connect" in result.stderr and "Traceback" not in result.stderr
    assert open_db(db_path)["digests"].count == 0


def test_a_hostile_title_cannot_add_headers_or_markup(db_path, smtp):
    subscribe(db_path, "ana@example.org")
    assert send(db_path, smtp).exit_code == 0
    [(recipients, message, raw)] = smtp.messages
    assert recipients == ["ana@example.org"]
    assert message["Bcc"] is None and message["X-Injected"] is None
    header_block = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    names = {line.split(b":", 1)[0] for line in header_block if not line[:1].isspace()}
    assert names == {b"Subject", b"From", b"To", b"Date", b"Message-ID", b"List-Unsubscribe",
                     b"List-Id", b"MIME-Version", b"Content-Type"}
    assert b"\nBcc:" not in raw        # not even at the start of a body line
    # List-Unsubscribe stays one unencoded URL; body lines within RFC 2045's 76 characters.
    assert re.search(rb"\r\nList-Unsubscribe: <mailto:digest@kb\.example\.org\?subject="
                     rb"unsubscribe%20[\w-]+>\r\n", raw)
    body_lines = raw.split(b"\r\n\r\n", 1)[1].split(b"\r\n")
    assert max(map(len, body_lines)) <= 76
    subject = message["Subject"]
    assert "Evil agent" in subject and "\n" not in subject and "\r" not in subject
    assert len(subject) <= 120
    text, body = parts(message)
    assert "<script>" not in body and "<img" not in body and "<i>the AI</i>" not in body
    assert "&lt;script&gt;" in body and "&lt;i&gt;the AI&lt;/i&gt;" in body
    evil_line = next(line for line in text.splitlines() if "Evil agent" in line)
    assert "Bcc: victim@attacker.example" in evil_line      # folded into the line, not a header


def test_an_empty_week_says_so_in_one_line_and_sends_nothing(db_path, smtp):
    subscribe(db_path, "ana@example.org")
    result = kb("digest", "--db", db_path, "--week", "2026-W30", "--send", env=smtp.env)
    assert result.exit_code == 0
    assert result.output.strip() == "2026-W30: no new or changed incidents; no digest"
    assert smtp.messages == []


def test_out_writes_one_eml_per_subscriber_and_an_html_preview(db_path, tmp_path):
    subscribe(db_path, "ana@example.org")
    subscribe(db_path, "bob@example.org", "--agent", "Replit Agent")
    subscribe(db_path, "eve@example.org", "--vendor", "NoSuchVendor")
    out = tmp_path / "out"
    result = kb("digest", "--db", db_path, "--week", WEEK, "--out", out, env={"KB_SITE_URL": SITE})
    assert result.exit_code == 0, result.stderr
    emls = sorted(p.name for p in out.glob("*.eml"))
    assert emls == ["digest-2026-W47-0001-ana@example.org.eml", "digest-2026-W47-0002-bob@example.org.eml"]
    message = message_from_bytes((out / emls[0]).read_bytes(), policy=default)
    assert message.get_content_type() == "multipart/alternative" and message["List-Unsubscribe"]
    preview = (out / "digest-2026-W47.html").read_text()
    assert preview.startswith("<!DOCTYPE html>") and f"{SITE}/kb/incidents/" in preview
    assert open_db(db_path)["digests"].count == 0      # writing files sends nothing


def test_subscribe_and_unsubscribe(db_path, smtp):
    bad = kb("subscribe", "--db", db_path, "ana@example.org\r\nBcc: x@y.org")
    assert bad.exit_code == 1 and "not an email address" in bad.stderr
    assert "added ana@example.org" in subscribe(db_path, "Ana@Example.ORG").output
    assert "unchanged ana@example.org" in subscribe(db_path, "ana@example.org").output
    assert "updated" in subscribe(db_path, "ana@example.org", "--vendor", "Amazon").output
    subscribe(db_path, "bob@example.org")
    assert kb("unsubscribe", "--db", db_path, "ana@example.org").exit_code == 0
    token = open_db(db_path).execute("select token from subscribers where email = 'bob@example.org'").fetchone()[0]
    by_token = kb("unsubscribe", "--db", db_path, "--token", token)
    assert by_token.exit_code == 0 and "unsubscribed bob@example.org" in by_token.output
    unknown = kb("unsubscribe", "--db", db_path, "nobody@example.org")
    assert unknown.exit_code == 1 and "no such subscriber" in unknown.stderr
    result = send(db_path, smtp)
    assert result.exit_code == 0 and smtp.messages == []


def test_weeks_and_settings():
    assert parse_week(None, today=date(2026, 11, 25)).label == "2026-W47"
    assert parse_week(None, today=date(2026, 1, 1)).label == "2025-W52"
    week = parse_week("2026-w47")
    assert (week.start, week.end) == ("2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z")
    for bad in ("2026-47", "W47", "2026-W54", "2025-W53"):
        with pytest.raises(WeekError):
            parse_week(bad)
    with pytest.raises(SettingsError):
        load_settings(environ={"KB_SMTP_TLS": "maybe"})
    assert load_settings(environ={"KB_SMTP_TLS": "ssl"}).smtp_port == 465


def test_settings_file_is_overridden_by_the_environment(tmp_path):
    config = tmp_path / "mail.yml"
    config.write_text("smtp_host: mail.example.org\nsmtp_port: 2525\nsmtp_tls: none\n"
                      "smtp_from: digest@example.org\n")
    settings = load_settings(config, environ={"KB_SMTP_PORT": "2626"})
    assert (settings.host, settings.port, settings.tls, settings.sender) == (
        "mail.example.org", 2626, "none", "digest@example.org")
    config.write_text("smtp_hots: typo\n")
    with pytest.raises(SettingsError, match="smtp_hots"):
        load_settings(config, environ={})


def test_bad_week_is_a_one_line_error(db_path):
    result = kb("digest", "--db", db_path, "--week", "next week")
    assert result.exit_code == 1 and "not an ISO week" in result.stderr


def test_send_batch_raises_senderror_when_the_connection_drops(db_path, smtp):
    subscribe(db_path, "ana@example.org")
    db = open_db(db_path)
    settings = load_settings(environ=smtp.env)
    [subscriber] = active_subscribers(db)
    message = build_message(select_week(db, parse_week(WEEK), SITE), subscriber, settings.sender)

    class Dropping:
        def send_message(self, *args, **kwargs):
            import smtplib
            raise smtplib.SMTPServerDisconnected("gone")

        def quit(self):
            raise OSError("closed")

        def close(self):
            pass

    with pytest.raises(SendError, match="connection lost"):
        send_batch(db, WEEK, [(subscriber, message, 1)], settings, smtp_factory=lambda s: Dropping())
    assert db.execute("select status from digests").fetchone()[0] == "failed"


def test_datasette_never_shows_subscribers(db_path):
    import asyncio

    from kb.serve import make_datasette

    subscribe(db_path, "ana@example.org")
    datasette = make_datasette(db_path)

    def get(path):
        return asyncio.run(datasette.client.get(path))

    assert get("/kb/subscribers.json").status_code == 403
    assert get("/kb/digests.json").status_code == 403
    for sql in ("select email from subscribers", "select * from digests",
                "select token from incidents, subscribers"):
        response = get(f"/kb.json?sql={sql.replace(' ', '+')}")
        assert response.status_code == 400 and "prohibited" in response.json()["error"]
        assert "ana@example.org" not in response.text
    assert get("/kb/incidents.json?_shape=array").status_code == 200


def test_bad_mail_settings_are_one_line_errors(db_path):
    for env, problem in (({"KB_SMTP_FROM": "not an address"}, "KB_SMTP_FROM"),
                         ({"KB_SITE_URL": "ftp://x"}, "KB_SITE_URL"),
                         ({"KB_SMTP_PORT": "smtp"}, "KB_SMTP_PORT")):
        result = kb("digest", "--db", db_path, "--week", WEEK, "--send", env={"KB_SMTP_HOST": "127.0.0.1", **env})
        assert result.exit_code == 1 and problem in result.stderr and "Traceback" not in result.stderr
    result = kb("digest", "--db", db_path, "--week", WEEK, "--send")
    assert result.exit_code == 1 and "KB_SMTP_HOST is not set" in result.stderr


def test_a_merge_this_week_shows_as_a_change(db_path):
    db = open_db(db_path)
    with db.conn:
        db["incident_merges"].insert({"kind": "merge", "from_ids": '["2026-02-amazon-kiro-2"]',
                                      "to_ids": '["undated-google-antigravity"]', "origin": "override",
                                      "created_at": IN_WEEK})
        db["incident_redirects"].insert({"old_id": "2025-12-old-slug", "new_id": "undated-google-antigravity",
                                         "created_at": IN_WEEK})
    digest = select_week(db, parse_week(WEEK), SITE)
    [antigravity] = [i for i in digest.changed if i["agent"] == "Antigravity"]
    assert antigravity["merged"] == ["2025-12-old-slug", "2026-02-amazon-kiro-2"]
    assert select_week(db, parse_week("2026-W46"), SITE).changed == []


def test_html_preview_renders_in_a_real_browser_without_running_scraped_script(db_path, tmp_path):
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM_ARGS, chromium_path

    out = tmp_path / "out"
    assert kb("digest", "--db", db_path, "--week", WEEK, "--out", out,
              env={"KB_SITE_URL": SITE}).exit_code == 0
    preview = out / "digest-2026-W47.html"
    dialogs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(preview.as_uri())
            body = page.locator("body").inner_text()
            assert "Kiro" in body and "user error" in body.lower()
            assert "<script>alert('x')</script>" in body      # shown as text, not run
            assert page.locator(f'a[href^="{SITE}/kb/incidents/"]').count() > 0
            screenshot = tmp_path / "digest-preview.png"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    assert dialogs == [] and screenshot.stat().st_size > 10_000
