// The console's HTTP calls (protocol §1.2–1.4): session cookie plus the X-CSRF-Token header on every POST.
// `fetch` is injected so tests can run it against a recording double.

import { OPERATOR_PATHS as PATHS } from './operator-protocol.js';

/** An HTTP error with the relay's `{error: {code, message}}` body. */
export class APIError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || `http_${status}`;
  }
}

export class ConsoleAPI {
  constructor(fetchImpl = (...args) => globalThis.fetch(...args)) {
    this.fetch = fetchImpl;
    this.csrfToken = null;
  }

  async call(method, path, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new APIError(response.status, data?.error?.code, data?.error?.message);
    return data;
  }

  /** The current session ({operator, csrfToken}) or null when not logged in. */
  async session() {
    try {
      return this.remember(await this.call('GET', PATHS.session));
    } catch (error) {
      if (error instanceof APIError && error.status === 401) return null;
      throw error;
    }
  }

  async login(login, password) {
    return this.remember(await this.call('POST', PATHS.login, { login, password }));
  }

  async logout() {
    await this.call('POST', PATHS.logout);
    this.csrfToken = null;
  }

  async conversations(status = 'open') {
    const data = await this.call('GET', `${PATHS.conversations}?status=${encodeURIComponent(status)}`);
    return Array.isArray(data?.conversations) ? data.conversations : [];
  }

  close(id) {
    return this.call('POST', `${PATHS.conversation(id)}/close`);
  }

  transcript(id) {
    return this.call('GET', `${PATHS.conversation(id)}/transcript`);
  }

  remember(data) {
    if (data && typeof data.csrfToken === 'string') this.csrfToken = data.csrfToken;
    return data;
  }
}
