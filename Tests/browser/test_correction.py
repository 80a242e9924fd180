"""The operator's one-click "wrong language?" correction (protocol `correctLanguage`): the message is relabelled and
translated again, the visitor's language follows, and so do the messages after it."""

from selenium.webdriver.common.by import By

from conftest import screenshot
from pages import Console, Widget, delivered, operator_messages, visitor_messages, wait

# "Pardon" is English ("Pardon?" — what did you say?) and Turkish ("Pardon." — sorry): the phrasebook translates it
# to German differently from each, so a relabelling shows in the translation.
AMBIGUOUS = "Pardon!"
GERMAN = {"en": "Wie bitte?", "tr": "Entschuldigung"}
NAMES = {"en": "Englisch", "tr": "Türkisch"}
FOLLOW_UP = {"en": ("Where is my order?", "Wo ist meine Bestellung?"), "tr": ("Siparişim nerede?", "Wo ist meine Bestellung?")}
REPLY = "Ihre Bestellung wurde versandt."
LABEL = {"en": "Machine-translated", "tr": "Makine çevirisi"}


def _message(console, text):
    """The index and DOM item of the visitor message whose original is `text`."""
    shown = console.wait_messages(lambda ms: any(m["orig"] == text or m["text"] == text for m in ms),
                                  f"the console does not show {text!r}")
    index = next(i for i, m in enumerate(shown) if m["orig"] == text or m["text"] == text)
    return index, shown[index]


def test_operator_corrects_the_language_of_a_visitor_message(relay, browsers):
    # A Turkish visitor whose browser says English writes a word that is English and Turkish.
    widget = Widget(browsers("en-US"), relay.base).visit("cart.html").open()
    widget.send(AMBIGUOUS)
    widget.wait_messages(lambda ms: any(m["text"] == AMBIGUOUS and delivered(m) for m in ms), "not delivered")

    console = Console(browsers("de-DE"), relay.base).login(*relay.login("de"))
    console.select(widget.conversation_id())
    index, before = _message(console, AMBIGUOUS)
    detected = next(code for code, name in NAMES.items() if any(name in chip for chip in before["chips"]))
    assert before["text"].startswith(GERMAN[detected]), before
    # Wrongly detected (English, from the browser) or not: the operator relabels it as the other language.
    target = "tr" if detected == "en" else "en"

    item = console.driver.find_elements(By.CSS_SELECTOR, "#messages > li")[index]
    toggle = item.find_element(By.CSS_SELECTOR, ".actions button.link")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    item.find_element(By.CSS_SELECTOR, f'.choices button[data-lang="{target}"]').click()

    after = console.wait_messages(
        lambda ms: ms[index]["text"].startswith(GERMAN[target])
        and any(NAMES[target] in chip and "100" in chip for chip in ms[index]["chips"]),
        "the console does not show the relabelled language and the new translation")[index]
    assert after["orig"] == AMBIGUOUS and after["origLang"] == target
    assert NAMES[target] in console.driver.find_element(By.ID, "notice").text
    wait(console.driver, lambda d: NAMES[target] in d.find_element(By.ID, "visitor").text,
         "the visitor card does not show the corrected language")
    screenshot(console.driver, f"console-correction-{detected}-to-{target}")

    # The visitor's language followed: the widget now speaks it, and the operator's reply arrives in it.
    wait(widget.driver, lambda d: widget.find("select").get_attribute("value") == target,
         "the widget did not follow the corrected language")
    console.reply(REPLY)
    seen = widget.wait_messages(lambda ms: any(m["orig"] == REPLY and m["lang"] == target for m in operator_messages(ms)),
                                "the reply did not arrive in the corrected language")
    assert [m for m in operator_messages(seen) if m["orig"] == REPLY][0]["label"].startswith(LABEL[target])

    # The visitor's next message is read in that language.
    question, german = FOLLOW_UP[target]
    widget.send(question)
    later = console.wait_messages(lambda ms: any(m["orig"] == question and m["text"] == german for m in ms),
                                  "the next visitor message was not translated from the corrected language")
    follow_up = [m for m in visitor_messages(later) if m["orig"] == question][0]
    assert follow_up["origLang"] == target and any(NAMES[target] in chip for chip in follow_up["chips"])
    screenshot(widget.driver, f"widget-after-correction-{target}")
