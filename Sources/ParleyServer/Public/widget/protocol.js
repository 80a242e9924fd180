// The wire protocol (docs/protocol.md) in one place: frame encoders, a strict decoder that normalizes server
// frames into plain events, close-code classes and the REST paths. Pure module; the widget and the console share it.

/** Close codes 4000–4499 ask the client to reconnect, 4500–4999 tell it not to. Other codes: reconnect. */
export function isTerminalClose(code) {
  return code >= 4500 && code <= 4999;
}

export const PATHS = {
  visitorConversation: '/api/v1/visitor/conversations',
  visitorSocket: '/ws/visitor',
  operatorLogin: '/api/v1/operator/login',
  operatorLogout: '/api/v1/operator/logout',
  operatorSession: '/api/v1/operator/session',
  operatorConversations: '/api/v1/operator/conversations',
  conversation: (id) => `/api/v1/conversations/${encodeURIComponent(id)}`,
  operatorSocket: '/ws/operator',
};

/** The WebSocket URL for `path` on `base` (an http(s) URL), with query parameters. */
export function socketURL(base, path, params = {}) {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export const encode = {
  join: (lastSeq, conversationId) => JSON.stringify(withConversation({ type: 'join', lastSeq }, conversationId)),
  message: (clientMessageId, text, conversationId) =>
    JSON.stringify(withConversation({ type: 'message', clientMessageId, text }, conversationId)),
  typing: (active, conversationId) => JSON.stringify(withConversation({ type: 'typing', active }, conversationId)),
  read: (seq, conversationId) => JSON.stringify(withConversation({ type: 'read', seq }, conversationId)),
  setLanguage: (language, conversationId) =>
    JSON.stringify(withConversation({ type: 'setLanguage', language }, conversationId)),
  /** "Wrong language?": the operator says message `seq` is really in `language`; the relay re-translates it. */
  correctLanguage: (seq, language, conversationId) =>
    JSON.stringify(withConversation({ type: 'correctLanguage', seq, language }, conversationId)),
  retryTranslation: (seq, conversationId) =>
    JSON.stringify(withConversation({ type: 'retryTranslation', seq }, conversationId)),
  leave: (conversationId) => JSON.stringify({ type: 'leave', conversationId }),
  ping: (id) => JSON.stringify({ type: 'ping', id }),
};

function withConversation(frame, conversationId) {
  if (conversationId !== undefined && conversationId !== null) frame.conversationId = conversationId;
  return frame;
}

const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const int = (v) => (Number.isInteger(v) ? v : Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : null);

function translation(raw) {
  if (!raw || typeof raw !== 'object') return null;
  return {
    text: str(raw.text),
    language: str(raw.language),
    engine: str(raw.engine),
    quality: str(raw.quality) || 'machine',
  };
}

/** A normalized chat message; the original text and the translation are plain strings, never markup. */
export function normalizeMessage(raw) {
  const sender = raw.sender && typeof raw.sender === 'object' ? raw.sender : {};
  const role = sender.role ?? raw.role;
  const translations = Array.isArray(raw.translations) ? raw.translations.map(translation).filter(Boolean) : [];
  return {
    seq: int(raw.seq),
    conversationId: raw.conversationId ?? null,
    clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
    role: ['visitor', 'operator', 'system'].includes(role) ? role : 'system',
    author: str(sender.name ?? ''),
    text: str(raw.text),
    language: str(raw.language ?? 'und') || 'und',
    confidence: typeof raw.confidence === 'number' ? raw.confidence : null,
    translation: translation(raw.translation) ?? null,
    translations,
    translationStatus: str(raw.translationStatus ?? (raw.translation ? 'done' : 'none')),
    sentAt: Date.parse(raw.createdAt ?? '') || null,
  };
}

/**
 * Parses one server frame into an event: {kind, ...}. Kinds are the frame types of protocol §4 (message, ack,
 * translation, typing, read, language, presence, system, conversation, queue, joined, welcome, pong, error);
 * anything else is {kind: 'unknown'}. Never throws.
 */
export function decode(data) {
  let raw;
  try {
    raw = typeof data === 'string' ? JSON.parse(data) : null;
  } catch {
    return { kind: 'unknown' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'unknown' };
  const conversationId = raw.conversationId ?? null;
  const sender = raw.sender && typeof raw.sender === 'object' ? raw.sender : {};
  switch (raw.type) {
    case 'message':
      return { kind: 'message', message: normalizeMessage(raw) };
    case 'ack':
      return { kind: 'ack', clientMessageId: str(raw.clientMessageId), seq: int(raw.seq), conversationId };
    case 'translation':
      return { kind: 'translation', seq: int(raw.seq), translation: translation(raw.translation),
        status: str(raw.translationStatus), conversationId };
    case 'typing':
      return { kind: 'typing', active: raw.active === true, role: str(sender.role), name: str(sender.name), conversationId };
    case 'read':
      return { kind: 'read', seq: int(raw.seq), role: str(sender.role), conversationId };
    case 'language':
      return { kind: 'language', role: str(raw.role), language: str(raw.language), conversationId };
    case 'presence':
      return { kind: 'presence', role: str(raw.role), name: str(raw.name), online: raw.online === true, conversationId };
    case 'system':
      return { kind: 'system', code: str(raw.code), text: str(raw.text), conversationId };
    case 'conversation':
      return { kind: 'conversation', conversation: raw.conversation && typeof raw.conversation === 'object' ? raw.conversation : {} };
    case 'queue':
      return { kind: 'queue', waiting: int(raw.waiting) ?? 0, operatorsOnline: int(raw.operatorsOnline) ?? 0 };
    case 'joined':
      return { kind: 'joined', conversationId, lastSeq: int(raw.lastSeq) ?? 0, status: str(raw.status),
        visitor: raw.visitor ?? null, operator: raw.operator ?? null };
    case 'welcome':
      return { kind: 'welcome', role: str(raw.role), language: str(raw.language), conversationId,
        participant: raw.participant ?? null };
    case 'pong':
      return { kind: 'pong', id: raw.id ?? null };
    case 'error':
      return { kind: 'error', code: str(raw.code), message: str(raw.message),
        clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
        retryAfterMs: int(raw.retryAfterMs), conversationId };
    default:
      return { kind: 'unknown', type: str(raw.type) };
  }
}

/** Normalizes the answer to POST visitorConversation. */
export function parseVisitorSession(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.token !== 'string') throw new Error('no token in the answer');
  return {
    token: raw.token,
    conversationId: str(raw.conversationId),
    language: str(raw.language),
    operatorsOnline: int(raw.operatorsOnline),
    lastSeq: int(raw.lastSeq) ?? 0,
  };
}
