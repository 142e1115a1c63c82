// The public HTTP API, as any client sees it; the key is kept in this tab's sessionStorage only.

const SESSION = 'shortlink.session';

export const session = {
    /** {key} while signed in, or null. */
    get() {
        try {
            return JSON.parse(sessionStorage.getItem(SESSION));
        } catch {
            return null;
        }
    },
    set(value) {
        sessionStorage.setItem(SESSION, JSON.stringify(value));
    },
    clear() {
        sessionStorage.removeItem(SESSION);
    },
};

/** An answer other than 2xx: status and the problem+json body. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `The service answered ${status}`);
        this.status = status;
        this.problem = problem ?? {};
    }
}

export async function api(method, path, {body, key = session.get()?.key, contentType = 'application/json'} = {}) {
    const response = await send(method, path, {body, key, contentType, accept: 'application/json'});
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') ?? '';
    const data = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) throw failure(response, data);
    return data;
}

/**
 * Opens a server-sent event stream and hands each event to {@code onEvent(name, data)} until the stream ends or
 * {@code signal} aborts. EventSource cannot send the API key, so the stream is read with fetch; comment lines (the
 * heartbeats) are skipped.
 */
export async function eventStream(path, onEvent, {signal, key = session.get()?.key} = {}) {
    const response = await send('GET', path, {key, accept: 'text/event-stream', signal});
    if (!response.ok) {
        const type = response.headers.get('Content-Type') ?? '';
        throw failure(response, type.includes('json') ? await response.json() : await response.text());
    }
    const lines = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    let event = {name: 'message', data: []};
    try {
        for (let chunk = await lines.read(); !chunk.done; chunk = await lines.read()) {
            const parts = (pending + chunk.value).split(/\r\n|\r|\n/);
            pending = parts.pop();
            for (const line of parts) {
                if (line === '') {
                    if (event.data.length) onEvent(event.name, event.data.join('\n'));
                    event = {name: 'message', data: []};
                } else if (!line.startsWith(':')) {
                    const colon = line.indexOf(':');
                    const fieldName = colon < 0 ? line : line.slice(0, colon);
                    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                    if (fieldName === 'event') event.name = value;
                    else if (fieldName === 'data') event.data.push(value);
                }
            }
        }
    } catch {
        if (signal?.aborted) return;
        throw new ApiError(0, {title: 'Network error', detail: 'The stream was cut. Start it again.'});
    }
}

async function send(method, path, {body, key, contentType, accept, signal}) {
    const headers = {Accept: accept};
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = contentType;
    try {
        return await fetch(path, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'omit', cache: 'no-store', signal,
        });
    } catch (error) {
        if (signal?.aborted) throw error;
        throw new ApiError(0, {title: 'Network error', detail: 'The service cannot be reached. Check the connection and try again.'});
    }
}

/** The error of an answer other than 2xx, from its body. */
function failure(response, data) {
    const problem = typeof data === 'object' ? data : {detail: data || response.statusText};
    if (response.status === 429 && response.headers.get('Retry-After')) {
        problem.detail = `${problem.detail ?? 'Too many requests.'} Try again in ${response.headers.get('Retry-After')} s.`;
    }
    return new ApiError(response.status, problem);
}

/** A link's address in the UI. */
export function linkPage(code) {
    return `/app/links/${encodeURIComponent(code)}`;
}

export function qrCode(code, format = 'png', size) {
    const query = format === 'svg' ? '?format=svg' : `?size=${size ?? 512}`;
    return `/api/v1/links/${encodeURIComponent(code)}/qr${query}`;
}
