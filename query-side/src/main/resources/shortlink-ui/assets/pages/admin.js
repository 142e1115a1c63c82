import {api, ApiError, session} from '../api.js';
import {clearErrors, copyButton, field, formError, h, heading, notice, select, showProblem, when} from '../dom.js';

const PROJECTIONS = [['all', 'All projections'], ['redirect-view', 'Redirect view'], ['link-stats', 'Link stats']];
const POLL_MILLIS = 1000;

function issueKeys(issuedList) {
    const shown = h('div', {id: 'issued-key'});
    const form = h('form', {novalidate: true},
        h('div', {class: 'grid'},
            field({label: 'Owner', name: 'owner', autocomplete: 'off', spellcheck: 'false', hint: 'The name the key’s links belong to'}),
            field({label: 'Creations per hour', name: 'rateLimitPerHour', type: 'number', min: 1, step: 1,
                hint: 'Optional: the service’s default when empty'})),
        formError(),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Issue key')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        const body = {owner: form.elements.owner.value.trim()};
        if (form.elements.rateLimitPerHour.value) body.rateLimitPerHour = Number(form.elements.rateLimitPerHour.value);
        try {
            const issued = await api('POST', '/api/v1/admin/keys', {body});
            shown.replaceChildren(h('div', {class: 'notice-box info', role: 'status'},
                h('p', {}, `A key for ${issued.owner} (id ${issued.id}). Copy it now: it is shown only this once.`),
                h('p', {class: 'secret'}, h('code', {id: 'new-key'}, issued.key), ' ', copyButton(issued.key))));
            issuedList.add(issued);
            form.reset();
        } catch (failure) {
            showProblem(form, failure);
        }
    });
    return h('section', {class: 'card', 'aria-labelledby': 'keys-heading'}, h('h2', {id: 'keys-heading'}, 'Issue an API key'), form, shown);
}

function revokeKeys() {
    const done = h('p', {role: 'status'});
    const form = h('form', {novalidate: true},
        field({label: 'Key id', name: 'id', autocomplete: 'off', spellcheck: 'false', hint: 'As shown when the key was issued, e.g. key.3f…'}),
        formError(),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'danger'}, 'Revoke key')));
    async function revoke(id) {
        clearErrors(form);
        done.textContent = '';
        try {
            await api('DELETE', `/api/v1/admin/keys/${encodeURIComponent(id)}`);
            done.textContent = `The key ${id} is revoked.`;
            return true;
        } catch (failure) {
            showProblem(form, failure.status === 404 ? {problem: {errors: [{field: 'id', message: 'There is no key with this id'}]}} : failure);
            return false;
        }
    }
    form.addEventListener('submit', event => {
        event.preventDefault();
        const id = form.elements.id.value.trim();
        if (!id) showProblem(form, {problem: {errors: [{field: 'id', message: 'Enter the id of the key to revoke'}]}});
        else revoke(id).then(ok => ok && form.reset());
    });
    // The keys issued from this tab, to revoke with one button (the API lists no keys: their secrets are nowhere).
    const list = h('ul', {class: 'issued'});
    const issued = h('div', {hidden: true}, h('h3', {}, 'Issued in this tab'), list);
    const add = key => {
        issued.hidden = false;
        const button = h('button', {type: 'button', class: 'secondary'}, `Revoke ${key.id}`);
        const item = h('li', {}, h('span', {}, `${key.owner} · ${key.id} · `, when(key.createdAt)), ' ', button);
        button.addEventListener('click', async () => {
            if (await revoke(key.id)) item.remove();
        });
        list.append(item);
    };
    const section = h('section', {class: 'card', 'aria-labelledby': 'revoke-heading'},
        h('h2', {id: 'revoke-heading'}, 'Revoke an API key'), form, done, issued);
    return {section, add};
}

function replayItem(replay) {
    const percent = Math.round((replay.progress ?? 0) * 100);
    return h('li', {class: `replay replay-${replay.status.toLowerCase()}`},
        h('p', {}, h('strong', {}, replay.projection), ' · ', replay.status, ' · started ', when(replay.startedAt),
            replay.finishedAt ? [' · finished ', when(replay.finishedAt)] : null),
        h('progress', {max: 100, value: percent, 'aria-label': `Replay ${replay.id} of ${replay.projection}`}, `${percent}%`),
        h('p', {class: 'meta'}, `${replay.processed} of ${replay.total} events (${percent}%) · ${replay.eventsPerSecond} events/s`),
        replay.error ? h('p', {class: 'form-error'}, replay.error) : null);
}

function replays(initial) {
    const list = h('ol', {class: 'replays', 'aria-live': 'polite'});
    let timer = null;
    const show = all => {
        // Newest first.
        const sorted = [...all].sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)));
        list.replaceChildren(...sorted.slice(0, 10).map(replayItem));
        if (sorted.length === 0) list.replaceChildren(h('li', {class: 'muted'}, 'No replays yet.'));
        clearTimeout(timer);
        if (sorted.some(replay => replay.status === 'RUNNING')) timer = setTimeout(refresh, POLL_MILLIS);
    };
    async function refresh() {
        try {
            show(await api('GET', '/api/v1/admin/replays'));
        } catch (failure) {
            list.replaceChildren(h('li', {}, notice(failure.message, 'error')));
        }
    }
    const form = h('form', {class: 'inline-form', novalidate: true},
        field({label: 'Projection', name: 'projection', control: select(PROJECTIONS, 'all')}),
        formError(),
        h('button', {type: 'submit', class: 'primary'}, 'Start replay'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        try {
            await api('POST', '/api/v1/admin/replays', {body: {projection: form.elements.projection.value}});
            await refresh();
        } catch (failure) {
            showProblem(form, failure);
        }
    });
    show(initial);
    return h('section', {class: 'card', 'aria-labelledby': 'replays-heading'},
        h('h2', {id: 'replays-heading'}, 'Replays'),
        h('p', {}, 'A replay rebuilds a view from the event streams while redirects keep answering from the current one.'),
        form, list);
}

/** Uploads the file as it is (the API takes the CSV as the body, not JSON). */
async function upload(file) {
    let response;
    try {
        response = await fetch('/api/v1/imports', {
            method: 'POST', body: file, credentials: 'omit', cache: 'no-store',
            headers: {Accept: 'application/json', 'Content-Type': 'text/csv', Authorization: `Bearer ${session.get()?.key}`},
        });
    } catch {
        throw new ApiError(0, {title: 'Network error', detail: 'The service cannot be reached. Check the connection and try again.'});
    }
    const data = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : {detail: await response.text()};
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
}

function importProgress(job) {
    const percent = job.total > 0 ? Math.floor(job.processed * 100 / job.total) : (job.status === 'RUNNING' ? 0 : 100);
    return [
        h('p', {}, h('strong', {}, job.status), ` · ${job.processed} of ${job.total} rows · ${job.imported} imported · ${job.skipped} skipped`),
        h('progress', {max: 100, value: percent, 'aria-label': `Import ${job.id}`}, `${percent}%`),
        job.errors.length === 0 ? null : h('div', {},
            h('h3', {}, job.errors.length === 100 ? 'The first 100 errors' : 'Errors'),
            h('ul', {class: 'import-errors'}, ...job.errors.map(error =>
                h('li', {}, h('strong', {}, `Line ${error.line}`), `: ${error.message} (${error.code})`)))),
    ];
}

function imports() {
    const progress = h('div', {class: 'import-progress', 'aria-live': 'polite'});
    const form = h('form', {novalidate: true},
        field({label: 'CSV file', name: 'file', type: 'file', accept: '.csv,text/csv',
            hint: 'An export of YOURLS, Shlink, Bitly or this service: the first row names the columns (url, code, createdAt, title, tags)'}),
        formError(),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Import links')));
    let timer = null;
    async function follow(id) {
        try {
            const job = await api('GET', `/api/v1/imports/${encodeURIComponent(id)}`);
            progress.replaceChildren(...importProgress(job));
            if (job.status === 'RUNNING') timer = setTimeout(() => follow(id), POLL_MILLIS);
        } catch (failure) {
            progress.replaceChildren(notice(failure.message, 'error'));
        }
    }
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        clearTimeout(timer);
        const file = form.elements.file.files[0];
        if (!file) {
            showProblem(form, {problem: {errors: [{field: 'file', message: 'Choose a CSV file to import'}]}});
            return;
        }
        try {
            const started = await upload(file);
            progress.replaceChildren(h('p', {}, `Import ${started.id} started.`));
            await follow(started.id);
        } catch (failure) {
            showProblem(form, failure, {'validation-failed': 'file', 'import-running': 'file', 'content-too-large': 'file'});
        }
    });
    return h('section', {class: 'card', 'aria-labelledby': 'imports-heading'},
        h('h2', {id: 'imports-heading'}, 'Import links'),
        h('p', {}, 'Imported links belong to your key and keep their codes and creation times. Importing the same file again adds nothing.'),
        form, progress);
}

export async function render(main) {
    heading(main, 'Admin');
    if (!session.get()) {
        main.append(h('p', {}, h('a', {href: '/app/sign-in'}, 'Sign in'), ' with the admin key to manage keys and replays, or with any key to import links.'));
        return;
    }
    let initial;
    try {
        initial = await api('GET', '/api/v1/admin/replays');
    } catch (failure) {
        main.append(notice(failure.status === 403
            ? 'Keys and replays need the admin key; you are signed in with an ordinary key.' : failure.message, 'error'));
        if (failure.status === 403) main.append(imports());
        return;
    }
    const revoke = revokeKeys();
    main.append(issueKeys(revoke), revoke.section, replays(initial), imports());
}
