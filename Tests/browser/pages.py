"""Page objects for the visitor widget (inside the demo shop) and the operator console."""

import json
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = float(os.environ.get("PARLEY_BROWSER_WAIT", "20"))
SHOP = os.environ.get("PARLEY_SHOP_PATH", "/shop/")
CONSOLE = os.environ.get("PARLEY_CONSOLE_PATH", "/console/")


def wait(driver, condition, message, timeout=TIMEOUT):
    """Waits until `condition(driver)` is truthy and returns it; fails with `message` and the page's state."""
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d), message)


# Collects what the user sees of each message: one dict per <li>, read from the DOM as text.
_MESSAGES_JS = """
const list = arguments[0];
return [...list.querySelectorAll(':scope > li')].map((li) => {
  const q = (s) => li.querySelector(s);
  const orig = q('.orig');
  return {
    cls: li.className,
    text: q('.bubble') ? q('.bubble').textContent : li.textContent,
    lang: q('.bubble') ? q('.bubble').getAttribute('lang') : null,
    label: q('.mt') ? q('.mt').textContent : null,
    chips: [...li.querySelectorAll('.chip')].map((c) => c.textContent),
    toggle: q('.toggle') ? q('.toggle').getAttribute('aria-expanded') : null,
    orig: orig ? (q('.orig .text') || orig).textContent : null,
    origLang: orig ? ((q('.orig .text') && q('.orig .text').getAttribute('lang')) || orig.getAttribute('lang')) : null,
    origVisible: orig ? orig.getClientRects().length > 0 : false,
    state: q('.state') ? q('.state').textContent : null,
    elements: q('.bubble') ? q('.bubble').children.length : 0,
  };
});
"""


class Widget:
    def __init__(self, driver, base):
        self.driver = driver
        self.base = base

    def visit(self, page="cart.html"):
        self.driver.get(self.base + SHOP + page)
        wait(self.driver, lambda d: d.execute_script(
            "const w = document.querySelector('parley-chat'); return w && w.shadowRoot && w.shadowRoot.querySelector('.launcher')"),
            "the widget did not load")
        return self

    @property
    def root(self):
        return self.driver.execute_script("return document.querySelector('parley-chat').shadowRoot")

    def find(self, css):
        return self.root.find_element(By.CSS_SELECTOR, css)

    def open(self):
        if self.find(".launcher").get_attribute("aria-expanded") != "true":
            self.find(".launcher").click()
        wait(self.driver, lambda d: self.find(".panel").is_displayed(), "the panel did not open")
        return self

    def send(self, text):
        box = self.find("textarea")
        self.driver.execute_script("arguments[0].value = arguments[1]", box, text)
        self.find(".send").click()

    def list(self):
        return self.find("ol")

    def messages(self):
        return self.driver.execute_script(_MESSAGES_JS, self.list())

    def wait_messages(self, predicate, message):
        return wait(self.driver, lambda d: (lambda ms: ms if predicate(ms) else None)(self.messages()), message)

    def conversation_id(self):
        raw = self.driver.execute_script("return localStorage.getItem('parley.demo.session')")
        return json.loads(raw or "{}").get("conversationId")

    def reveal_original(self, index):
        buttons = self.root.find_elements(By.CSS_SELECTOR, "li")[index].find_elements(By.CSS_SELECTOR, ".toggle")
        buttons[0].click()


class Console:
    def __init__(self, driver, base):
        self.driver = driver
        self.base = base

    def login(self, login, password, shot=None):
        self.driver.get(self.base + CONSOLE)
        wait(self.driver, lambda d: d.find_element(By.ID, "login-name").is_displayed(), "no login form")
        self.driver.find_element(By.ID, "login-name").send_keys(login)
        self.driver.find_element(By.ID, "login-password").send_keys(password)
        if shot:
            shot(self.driver)
        self.driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        wait(self.driver, lambda d: d.find_element(By.ID, "app").is_displayed(), "login did not open the console")
        return self

    def select(self, conversation_id):
        css = f'button.conv[data-id="{conversation_id}"]'
        button = wait(self.driver, lambda d: (d.find_elements(By.CSS_SELECTOR, css) or [None])[0],
                      f"conversation {conversation_id} is not in the list")
        button.click()
        wait(self.driver, lambda d: d.find_element(By.ID, "chat-body").is_displayed(), "the chat did not open")
        return button

    def messages(self):
        return self.driver.execute_script(_MESSAGES_JS, self.driver.find_element(By.ID, "messages"))

    def wait_messages(self, predicate, message):
        return wait(self.driver, lambda d: (lambda ms: ms if predicate(ms) else None)(self.messages()), message)

    def reply(self, text):
        box = self.driver.find_element(By.ID, "reply")
        box.clear()
        box.send_keys(text)
        self.driver.find_element(By.CSS_SELECTOR, "#composer button[type=submit]").click()

    def reply_raw(self, text):
        box = self.driver.find_element(By.ID, "reply")
        self.driver.execute_script("arguments[0].value = arguments[1]", box, text)
        self.driver.find_element(By.CSS_SELECTOR, "#composer button[type=submit]").click()


# The widget's state line of a stored own message ("sent" or "read"), per language (widget/i18n.js).
DELIVERED = {"Sent", "Read", "Gesendet", "Gelesen", "Saadetud", "Loetud", "Gönderildi", "Okundu"}


def delivered(message):
    return message["state"] in DELIVERED


def visitor_messages(messages):
    return [m for m in messages if "visitor" in m["cls"] or "own" in m["cls"]]


def operator_messages(messages):
    return [m for m in messages if "operator" in m["cls"] or "them" in m["cls"]]
