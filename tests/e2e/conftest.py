"""End-to-end fixtures: the real app with the demo data, served to a headless Chromium.

The server is a separate ``kp run`` process on a free loopback port, over a SQLite file
loaded once per session with ``kp demo``; the browser is Debian's chromium driven by
Playwright (never a browser that Playwright downloads).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS") or ROOT / "tests" / "e2e" / "artifacts")
KP = [sys.executable, "-c", "from knowledge_platform.cli import main; main()"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
# A common phone of today (390 CSS px wide); a first screen is taken as 780 px of it.
PHONE_390 = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    """Debian's chromium, or the binary named by E2E_CHROMIUM."""
    named = os.environ.get("E2E_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_binary() -> str:
    if os.environ.get("TEST_DATABASE_URL"):
        # The browser tests serve their own SQLite demo database whatever the backend, so
        # the PostgreSQL pass of the suite would only repeat them.
        pytest.skip("end-to-end tests run in the SQLite pass only (TEST_DATABASE_URL is set)")
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium browser (looked for $E2E_CHROMIUM, else /usr/bin/chromium: "
                    "apt-get install chromium): the end-to-end tests need one")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                        "(pip install -e '.[test]')")
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {seconds:.0f} s")


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the served app: its instance folder and SQLite database."""
    folder = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "KP_INSTANCE_PATH": str(folder / "instance"),
           "DATABASE_URL": f"sqlite:///{folder / 'demo.db'}", "PYTHONUNBUFFERED": "1",
           "KP_LOG_LEVEL": "WARNING"}
    env.pop("FLASK_DEBUG", None)
    return env


def run_kp(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    """Run a ``kp`` command against the served app's database; fail the test if it fails."""
    done = subprocess.run([*KP, *args], env=env, cwd=ROOT, input=stdin, capture_output=True,
                          text=True)
    if done.returncode:
        pytest.fail(f"kp {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


@pytest.fixture(scope="session")
def live_server(browser_binary, server_env) -> Iterator[str]:
    """The base URL of the app serving the 130 demo projects (loaded once per session)."""
    env = server_env
    folder = Path(env["KP_INSTANCE_PATH"]).parent
    run_kp(env, "demo")
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen([*KP, "run", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_up(f"{base}/cs/", server)
        except RuntimeError as error:
            log.flush()
            pytest.fail(f"{error}; its log:\n{(folder / 'server.log').read_text()[-3000:]}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser(browser_binary, live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_binary)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (no cookies) at desktop width whose relative URLs go to the app."""
    context = browser.new_context(base_url=live_server, viewport=DESKTOP, locale="cs-CZ")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots (E2E_ARTIFACTS, default tests/e2e/artifacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def page_urls(live_server) -> dict[str, str]:
    """The pages checked for accessibility and layout: home, results with a facet ticked,
    and the richest project page (a good practice with evaluations and sources)."""
    with urllib.request.urlopen(f"{live_server}/cs/", timeout=10) as response:
        home = response.read().decode()
    from bs4 import BeautifulSoup

    link = BeautifulSoup(home, "lxml").select_one(".good-practice-list a[href*='/projects/']")
    assert link is not None, "the demo home page lists no good practice"
    # An organisation with public contacts, and a project of it with its contact box.
    with urllib.request.urlopen(f"{live_server}/api/v1/organisations?sort=projects",
                                timeout=10) as response:
        reachable = next(item for item in json.load(response)["items"] if item["website"])
    organisation = f"/cs/organisations/{reachable['id']}-{reachable['slug']}"
    with urllib.request.urlopen(f"{live_server}{organisation}", timeout=10) as response:
        items = BeautifulSoup(response.read().decode(), "lxml").select(".timeline-item")
    # The contact box shows the implementer's contacts, so a project it implements.
    contact = next(item.a for item in items if "partner" not in item.select_one(".role").text)
    # A project with a good-practice sheet whose cost per participant is worked out.
    with urllib.request.urlopen(f"{live_server}/api/v1/projects.csv", timeout=30) as response:
        rows = csv.DictReader(io.StringIO(response.read().decode("utf-8-sig"), newline=""))
        costed = next(row for row in rows if row["cost_per_participant"])
    sheet = "/cs/projects/" + costed["url"].rsplit("/", 1)[-1]
    return {"home": "/cs/", "results": "/cs/search?q=kurzy&region=CZ010",
            # A bad parameter: its message beside the form and the other results.
            "results-with-a-problem": "/cs/search?q=kurzy&budget_min=NaN&region=CZ010",
            "project": link["href"], "about": "/cs/about", "statistics": "/cs/statistics",
            "statistics-of-a-search": "/cs/statistics?q=kurzy&basis=period",
            "data": "/cs/data", "api-docs": "/api/v1/docs?lang=cs",
            "organisation": organisation, "project-with-contact": contact["href"],
            "organisations": "/cs/organisations?sort=projects", "project-with-sheet": sheet}


def sign_in(browser, live_server: str, server_env: dict[str, str], email: str, password: str,
            viewport: dict[str, int] = DESKTOP):
    """A new browser context and page signed in as a new curator ``email``; close the
    context when done."""
    run_kp(server_env, "users", "create", email, "--role", "curator", "--password-stdin",
           stdin=password + "\n")
    context = browser.new_context(base_url=live_server, viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/en/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.press("#password", "Enter")
    page.wait_for_url(re.compile(r"/en/curate/$"))
    return context, page
