"""Fixtures for the end-to-end browser tests: the real `parley serve --demo` on a free port with a temporary data
directory, and headless Chromium (Debian's chromium + chromium-driver) driven by selenium.

Waiting is always for a condition in the page (WebDriverWait), bounded; nothing sleeps for correctness.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
LANGUAGES = ("de", "en", "et", "tr")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _binary():
    path = os.environ.get("PARLEY_BIN") or str(ROOT / ".build" / "debug" / "parley")
    if not os.access(path, os.X_OK):
        pytest.fail(f"parley binary not found at {path}; run `swift build --product parley` or set PARLEY_BIN")
    return path


class Relay:
    """One `parley serve --demo` process; `restart()` stops it and starts it again on the same port and data."""

    def __init__(self):
        self.port = _free_port()
        self.data_dir = tempfile.mkdtemp(prefix="parley-browser-")
        self.base = f"http://127.0.0.1:{self.port}"
        # A third-party shop on another origin that embeds the widget from the relay (test_security.py).
        self.third_party = f"http://localhost:{_free_port()}"
        self.process = None
        self.output = []
        self.logins = {}

    def write_config(self):
        """The demo site must allow this run's origin (the relay's defaults name port 8080)."""
        path = os.path.join(self.data_dir, "parley-test.json")
        with open(path, "w", encoding="utf-8") as file:
            json.dump({"sites": [{"id": "demo", "name": "Demo shop", "defaultLanguage": "en",
                                  "allowedOrigins": [self.base, f"http://localhost:{self.port}", self.third_party]}],
                       # --demo saves the demo site with these origins on every start.
                       "demoOrigins": ",".join([self.base, f"http://localhost:{self.port}", self.third_party]),
                       "publicDir": str(ROOT / "Sources" / "ParleyServer" / "Public"),
                       "shopDir": str(ROOT / "Samples" / "shop")}, file)
        return path

    def start(self):
        command = [_binary(), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--data-dir", self.data_dir, "--config", self.write_config(), "--demo"]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, bufsize=1)
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("parley serve exited:\n" + "".join(self.output[-40:]))
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)  # polling for readiness, not for correctness
        raise RuntimeError("parley serve did not become ready:\n" + "".join(self.output[-40:]))

    def _read(self, process):
        for line in process.stdout:
            self.output.append(line)
            self._parse_login(line)

    def _parse_login(self, line):
        # `parley serve --demo` prints "Operator logins (password 'P'):" and then "  LOGIN  NAME  (LANG)" per operator.
        password = re.search(r"password '([^']*)'", line)
        if password:
            self.password = password.group(1)
        operator = re.match(r"^\s+(\S+)\s+.+\((de|en|et|tr)\)\s*$", line)
        if operator and getattr(self, "password", None) is not None:
            self.logins.setdefault(operator.group(2), (operator.group(1), self.password))

    def login(self, language):
        deadline = time.monotonic() + 10
        while language not in self.logins and time.monotonic() < deadline:
            time.sleep(0.05)
        if language not in self.logins:
            raise RuntimeError(f"no demo login for '{language}' in the output:\n" + "".join(self.output[:60]))
        return self.logins[language]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self):
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def relay():
    server = Relay()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.data_dir, ignore_errors=True)


def _chrome(language, width=1280, height=900, mobile=False):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--window-size={width},{height}", f"--lang={language}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": f"{language},{language.split('-')[0]}"})
    if mobile:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height,
                                                                               "pixelRatio": 2}})
    # The console log, where Chromium reports Content-Security-Policy violations.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = shutil.which("chromium")
    if binary:
        options.binary_location = binary
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.set_page_load_timeout(30)
    return driver


def csp_violations(driver):
    """The Content-Security-Policy violations Chromium logged since the last call (reading the log empties it)."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


@pytest.fixture
def browsers():
    """A factory for browsers; every one is closed after the test, which fails if a page violated its CSP."""
    opened = []

    def make(language, **kwargs):
        driver = _chrome(language, **kwargs)
        opened.append(driver)
        return driver

    yield make
    violations = []
    for driver in opened:
        try:
            violations += csp_violations(driver)
        finally:
            driver.quit()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
