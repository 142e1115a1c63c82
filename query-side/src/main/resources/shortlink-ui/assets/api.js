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
    const headers = {Accept: 'application/json'};
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = contentType;
    let response;
    try {
        response = await fetch(path, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'omit', cache: 'no-store',
        });
    } catch {
        throw new ApiError(0, {title: 'Network error', detail: 'The service cannot be reached. Check the connection and try again.'});
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') ?? '';
    const data = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
        const problem = typeof data === 'object' ? data : {detail: data || response.statusText};
        if (response.status === 429 && response.headers.get('Retry-After')) {
            problem.detail = `${problem.detail ?? 'Too many requests.'} Try again in ${response.headers.get('Retry-After')} s.`;
        }
        throw new ApiError(response.status, problem);
    }
    return data;
}

/** A link's address in the UI. */
export function linkPage(code) {
    return `/app/links/${encodeURIComponent(code)}`;
}

export function qrCode(code, format = 'png', size) {
    const query = format === 'svg' ? '?format=svg' : `?size=${size ?? 512}`;
    return `/api/v1/links/${encodeURIComponent(code)}/qr${query}`;
}
