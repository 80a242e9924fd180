// <parley-chat>: the visitor widget. A custom element with a shadow root; all texts of the other side go through
// `el(..., {text})` (textContent), never markup. Wiring: VisitorSession (storage), Connection (socket), i18n.

import {
  Connection, Outbox, SeqTracker, VisitorSession, PATHS, encode, socketURL, parseVisitorSession, newMessageId,
} from './connection.js';
import {
  LANGUAGES, AUTONYMS, FALLBACK, loadTexts, negotiate, translator, formatTime, greetingFor, parseHours, hoursStatus,
} from './i18n.js';
import { CSS } from './style.js';
import { bubble, el, messageModel } from './view.js';

const ICON_CHAT = 'M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4H7a3 3 0 0 1-3-3z';
const ICON_CLOSE = 'M6 6l12 12M18 6L6 18';
const SVG = 'http://www.w3.org/2000/svg';

/** A decorative SVG icon; its paint comes from the style sheet (filled on the launcher, stroked elsewhere). */
function icon(doc, path) {
  const svg = doc.createElementNS(SVG, 'svg'), p = doc.createElementNS(SVG, 'path');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  p.setAttribute('d', path);
  svg.appendChild(p);
  return svg;
}

export class ParleyChat extends HTMLElement {
  connectedCallback() {
    if (this.session) return;
    this.site = this.dataset.site || 'default';
    this.server = this.dataset.server || location.origin;
    this.session = new VisitorSession(localStorage, this.site);
    this.lang = this.session.state.language || negotiate([this.dataset.lang, ...(navigator.languages || [])].filter(Boolean));
    this.nodes = new Map();
    this.expanded = new Set();
    this.unread = 0;
    this.hours = parseHours(this.dataset.hours);
    loadTexts(this.lang).catch(() => loadTexts((this.lang = FALLBACK))).then(() => this.start());
  }

  /** Builds the widget once the visitor's texts are loaded, shows the remembered conversation and resumes it. */
  start() {
    this.build();
    this.session.state.log.forEach((m) => this.show(m));
    this.outbox = new Outbox(localStorage, `parley.${this.site}.outbox`);
    this.outbox.items.forEach((m) => this.showPending(m));
    if (this.session.token || this.outbox.items.length) this.connect();
    if (this.session.state.open) this.open(false);
    this.scheduleGreeting();
  }

  disconnectedCallback() {
    this.connection?.stop();
  }

  build() {
    const d = document;
    const root = this.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.appendChild(el(d, 'style', { text: CSS }));
    }
    // h(tag, class, attributes, children): an element with no text of its own.
    const h = (tag, cls, attrs, children) => el(d, tag, { class: cls, attrs }, children);
    const ui = (this.ui = {});
    ui.live = h('div', 'sr', { 'aria-live': 'polite', role: 'status' });
    ui.count = h('span', 'count', { hidden: true, 'aria-hidden': 'true' });
    ui.launcher = h('button', 'launcher', { type: 'button', 'aria-controls': 'parley-panel' }, [icon(d, ICON_CHAT), ui.count]);
    ui.teaserText = h('p');
    ui.teaserClose = el(d, 'button', { class: 'x', attrs: { type: 'button' }, text: '×' });
    ui.teaser = h('div', 'teaser', { hidden: true, role: 'note' }, [ui.teaserText, ui.teaserClose]);
    ui.title = h('h2', '', { id: 'parley-title' });
    ui.subtitle = h('p');
    ui.close = h('button', 'x', { type: 'button' }, [icon(d, ICON_CLOSE)]);
    ui.langLabel = h('label', '', { for: 'parley-lang' });
    ui.lang = h('select', '', { id: 'parley-lang' }, LANGUAGES.map((code) =>
      el(d, 'option', { attrs: { value: code, lang: code }, text: AUTONYMS[code] })));
    ui.status = h('span', 'status');
    ui.list = h('ol', '', { 'aria-labelledby': 'parley-title', tabindex: '0' });
    ui.typing = h('div', 'typing', { 'aria-live': 'polite' });
    ui.input = h('textarea', '', { id: 'parley-input', rows: 1, maxlength: 4000, enterkeyhint: 'send' });
    ui.inputLabel = h('label', 'sr', { for: 'parley-input' });
    ui.send = h('button', 'send', { type: 'submit' });
    ui.form = h('form', '', {}, [ui.inputLabel, ui.input, ui.send]);
    ui.panel = h('section', 'panel', { id: 'parley-panel', role: 'dialog', 'aria-labelledby': 'parley-title', hidden: true }, [
      h('header', '', {}, [ui.title, ui.subtitle, ui.close]),
      h('div', 'bar', {}, [ui.langLabel, ui.lang, ui.status]),
      ui.list, ui.typing, ui.form,
    ]);
    root.append(ui.live, ui.panel, ui.teaser, ui.launcher);
    this.wire();
    this.applyLanguage();
  }

  wire() {
    const ui = this.ui;
    ui.launcher.addEventListener('click', () => (ui.panel.hidden ? this.open(true) : this.close()));
    ui.close.addEventListener('click', () => this.close());
    ui.teaser.addEventListener('click', (e) => (e.target === ui.teaserClose ? this.hideTeaser() : this.open(true)));
    ui.panel.addEventListener('keydown', (e) => e.key === 'Escape' && this.close());
    ui.lang.addEventListener('change', () => this.setLanguage(ui.lang.value));
    ui.form.addEventListener('submit', (e) => (e.preventDefault(), this.submit()));
    ui.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) (e.preventDefault(), this.submit());
    });
    ui.input.addEventListener('input', () => this.typing(true));
    addEventListener('online', () => this.connection?.nudge());
    document.addEventListener('visibilitychange', () => !document.hidden && this.connection?.nudge());
  }

  applyLanguage() {
    const ui = this.ui, t = (this.t = translator(this.lang));
    const texts = [[ui.title, 'title'], [ui.langLabel, 'language'], [ui.inputLabel, 'inputLabel'], [ui.send, 'send'],
      [ui.close, 'close', 'aria-label'], [ui.teaserClose, 'dismiss', 'aria-label'], [ui.input, 'placeholder', 'placeholder']];
    for (const [node, key, attribute] of texts) attribute ? node.setAttribute(attribute, t(key)) : (node.textContent = t(key));
    const hours = hoursStatus(this.hours, new Date(), this.lang, t);
    ui.subtitle.textContent = hours ? hours.line : t('subtitle');
    ui.lang.value = this.lang;
    this.renderLauncher();
    ui.panel.setAttribute('lang', this.lang);
    ui.teaser.setAttribute('lang', this.lang);
    if (this.greeting) ui.teaserText.textContent = t(this.greeting);
    for (const node of this.nodes.values()) node.dispatchEvent(new Event('relabel'));
  }

  /**
   * The visitor's language changes: the widget's texts follow (loaded on first use). When the visitor picked it,
   * the relay is told; when the relay says so (an operator's "wrong language?" correction), it already knows.
   */
  async setLanguage(code, tell = true) {
    try {
      await loadTexts(code);
    } catch {
      this.ui.lang.value = this.lang;
      return;
    }
    this.lang = code;
    this.session.set({ language: code });
    this.applyLanguage();
    if (tell) this.connection?.sendFrame(encode.setLanguage(code));
    this.serverLanguage = code;
  }

  open(focus) {
    this.ui.panel.hidden = false;
    this.unread = 0;
    this.hideTeaser();
    this.session.set({ open: true });
    this.renderLauncher();
    this.scrollToEnd();
    if (focus) this.ui.input.focus();
    this.markRead();
  }

  close() {
    this.ui.panel.hidden = true;
    this.session.set({ open: false });
    this.renderLauncher();
    this.ui.launcher.focus();
  }

  scheduleGreeting() {
    const key = greetingFor(location.pathname, this.dataset.greeting);
    if (!key || this.session.state.greeted || this.session.state.log.length) return;
    this.greeting = key;
    setTimeout(() => {
      if (!this.ui.panel.hidden || this.session.state.greeted) return;
      this.ui.teaserText.textContent = this.t(key);
      this.ui.teaser.hidden = false;
      this.ui.live.textContent = this.t(key);
    }, Number(this.dataset.greetingDelay ?? 4000));
  }

  hideTeaser() {
    this.ui.teaser.hidden = true;
    this.session.set({ greeted: true });
  }

  /** Starts or resumes the conversation (protocol §1.1); a resume returns a fresh token. */
  async ensureToken() {
    const saved = this.session.state;
    const response = await fetch(new URL(PATHS.visitorConversation, this.server), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        siteId: this.site,
        languages: [this.lang, ...(navigator.languages || [])],
        page: { url: location.href, title: document.title, lang: document.documentElement.lang || undefined },
        token: saved.token || undefined,
      }),
    });
    if (!response.ok) throw new Error(String(response.status));
    const s = parseVisitorSession(await response.json());
    if (saved.conversationId && saved.conversationId !== s.conversationId) {
      this.session.forget();
      this.nodes.forEach((node, key) => key.startsWith('s:') && node.remove());
    }
    this.session.set({ token: s.token, conversationId: s.conversationId });
    this.serverLanguage = s.language;
  }

  async connect() {
    if (this.connection || this.connecting) return;
    this.connecting = true;
    try {
      await this.ensureToken();
    } catch {
      this.connecting = false;
      this.retryDelay = Math.min(30000, (this.retryDelay || 1000) * 2);
      this.setStatus('waiting', this.retryDelay);
      setTimeout(() => this.connect(), this.retryDelay);
      return;
    }
    this.connecting = false;
    this.retryDelay = 0;
    const id = this.session.state.conversationId;
    this.seqs = new SeqTracker({ [id]: this.session.lastSeq });
    this.connection = new Connection({
      url: () => socketURL(this.server, PATHS.visitorSocket, { token: this.session.token }),
      createSocket: (url) => new WebSocket(url),
      outbox: this.outbox,
      seqs: this.seqs,
      onOpen: (c) => {
        c.sendFrame(encode.join(this.seqs.lastSeq(id)));
        if (this.serverLanguage !== this.lang) c.sendFrame(encode.setLanguage(this.lang));
        this.serverLanguage = this.lang;
      },
      onEvent: (event) => this.onEvent(event),
    });
    this.connection.start();
  }

  onEvent(event) {
    switch (event.kind) {
      case 'status': return this.onStatus(event);
      case 'ack': return this.markPending(event.clientMessageId, 'sent');
      case 'message': return this.onMessage(event.message);
      case 'translation': {
        const m = this.session.updateTranslation(event.seq, event.translation);
        return m && this.show(m);
      }
      case 'typing': return event.role === 'operator' && this.showTyping(event.active, event.name);
      case 'language':
        return event.role === 'visitor' && event.language !== this.lang && LANGUAGES.includes(event.language) &&
          this.setLanguage(event.language, false);
      case 'read':
        if (event.role === 'operator') this.readSeq = Math.max(this.readSeq || 0, event.seq || 0), this.markPending(null, 'read', event.seq);
        return;
      case 'system': return this.notice(event.code, event.text);
      case 'error':
        if (event.clientMessageId && event.willRetry === false) this.markPending(event.clientMessageId, 'error', 0, event.message);
    }
  }

  onStatus(event) {
    this.setStatus(event.state, event.delay);
    if (event.state === 'open') {
      if (event.reconnected) this.ui.live.textContent = this.t('reconnected');
    } else if (event.state === 'closed') {
      this.connection = null;
      if (event.code === 4500 && !this.refreshed) {
        this.refreshed = true;
        this.connect();
      } else {
        this.session.forget();
        this.systemLine(this.t('ended'));
      }
    }
  }

  setStatus(state, delay) {
    const s = this.ui.status;
    s.classList.toggle('warn', state === 'waiting');
    s.textContent = state === 'waiting' ? this.t('reconnecting', { seconds: Math.max(1, Math.round(delay / 1000)) })
      : state === 'connecting' ? this.t('connecting') : '';
  }

  onMessage(message) {
    this.session.remember(message);
    if (message.clientMessageId) this.nodes.get('c:' + message.clientMessageId)?.remove();
    this.show(message);
    if (message.role === 'visitor') this.awaitAnswer();
    else {
      this.answered();
      this.showTyping(false);
      const m = messageModel(message, this.lang, 'visitor');
      this.ui.live.textContent = `${this.t('messageFrom', { name: this.t('operator'), time: this.time(message.sentAt) })} ${m.text}`;
      if (this.ui.panel.hidden) (this.unread += 1), this.renderLauncher();
      else this.markRead();
    }
  }

  time(ms) {
    return formatTime(this.lang, ms ? new Date(ms) : new Date());
  }

  /** Renders (or re-renders in place) a delivered message. */
  show(message) {
    const key = 's:' + message.seq;
    const node = bubble(document, message, this);
    const old = this.nodes.get(key);
    if (old) old.replaceWith(node);
    else this.ui.list.appendChild(node);
    this.nodes.set(key, node);
    this.scrollToEnd();
  }

  scrollToEnd() {
    this.ui.list.scrollTop = this.ui.list.scrollHeight;
  }

  showPending(item) {
    const li = el(document, 'li', { class: 'own' }, [
      el(document, 'div', { class: 'meta' }, [el(document, 'span', { class: 'state', text: this.t('sending') })]),
      el(document, 'div', { class: 'bubble', attrs: { dir: 'auto' }, text: item.text }),
    ]);
    this.ui.list.appendChild(li);
    this.nodes.set('c:' + item.clientMessageId, li);
    this.scrollToEnd();
  }

  /** Updates the state line of own messages: by clientMessageId, or all up to `seq` (read receipts). */
  markPending(clientMessageId, state, seq = 0, reason = '') {
    const nodes = clientMessageId ? [this.nodes.get('c:' + clientMessageId)]
      : [...this.nodes.entries()].filter(([k]) => k.startsWith('s:') && Number(k.slice(2)) <= seq).map(([, n]) => n);
    for (const node of nodes) {
      const line = node?.querySelector('.state');
      if (line) line.textContent = this.t(state, { reason });
    }
  }

  submit() {
    const text = this.ui.input.value.trim();
    if (!text) return;
    this.ui.input.value = '';
    this.typing(false);
    const item = this.connection ? this.connection.sendMessage(text) : this.queue(text);
    this.showPending(item);
    if (!this.connection) this.connect();
  }

  queue(text) {
    const item = { clientMessageId: newMessageId(), text, conversationId: null, createdAt: Date.now() };
    this.outbox.add(item);
    return item;
  }

  typing(active) {
    const now = Date.now();
    clearTimeout(this.typingTimer);
    if (active) this.typingTimer = setTimeout(() => this.typing(false), 4000);
    if (active && now - (this.typingSent || 0) < 2500) return;
    this.typingSent = active ? now : 0;
    this.connection?.sendFrame(encode.typing(active));
  }

  showTyping(active, name) {
    clearTimeout(this.typingShown);
    this.ui.typing.textContent = active ? this.t('typing', { name: name || this.t('operator') }) : '';
    this.scrollToEnd();
    if (active) this.typingShown = setTimeout(() => this.showTyping(false), 6000);
  }

  markRead() {
    const seq = this.session.lastSeq;
    if (seq && !this.ui.panel.hidden && this.connection?.isOpen) this.connection.sendFrame(encode.read(seq));
  }

  /** The launcher: expanded or not, the unread count, and a label that says both. */
  renderLauncher() {
    const { launcher, count, panel } = this.ui, n = this.unread, t = this.t;
    launcher.setAttribute('aria-expanded', String(!panel.hidden));
    launcher.setAttribute('aria-label', panel.hidden ? t('open') + (n ? ` — ${t('newMessages', { count: n })}` : '') : t('close'));
    count.hidden = !n;
    count.textContent = String(n);
  }

  /** A relay notice (protocol §4 `system`): our own catalogue text when we know the code, else the relay's. */
  notice(code, text) {
    if (code === 'no_operator_online') this.nobodyOnline = true;
    if (code === 'operator_assigned') this.nobodyOnline = false;
    const key = { no_operator_online: 'noOperator', conversation_closed: 'ended' }[code];
    if (key || text) this.systemLine(key ? this.t(key) : text);
  }

  /**
   * The visitor wrote: if nobody answers within `data-wait-notice` ms (30 s by default, the half minute visitors
   * expect an answer in; 0: never), say that an operator will answer — not while nobody is online (the relay said so
   * already), and once per stretch without an answer, counted from its first message.
   */
  awaitAnswer() {
    const delay = Number(this.dataset.waitNotice ?? 30000);
    if (this.answerTimer || this.waitNoticed || !(delay > 0)) return;
    this.answerTimer = setTimeout(() => {
      this.answerTimer = null;
      if (this.nobodyOnline) return;
      this.waitNoticed = true;
      this.systemLine(this.t('stillWaiting'));
    }, delay);
  }

  answered() {
    clearTimeout(this.answerTimer);
    this.answerTimer = null;
    this.waitNoticed = false;
  }

  systemLine(text) {
    if (this.ui.list.lastChild?.textContent === text) return;
    this.ui.list.appendChild(el(document, 'li', { class: 'sys', text }));
    this.ui.live.textContent = text;
  }
}

export function define() {
  if (!customElements.get('parley-chat')) customElements.define('parley-chat', ParleyChat);
}
