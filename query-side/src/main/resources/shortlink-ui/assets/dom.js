// Small helpers to build the pages from the DOM API: text is always set as text, never parsed as HTML.

/** An element with attributes (on* names add listeners; true/false/null for boolean attributes) and children. */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === false || value === null || value === undefined) continue;
        if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
        else if (value === true) element.setAttribute(name, '');
        else element.setAttribute(name, String(value));
    }
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        element.append(child instanceof Node ? child : String(child));
    }
    return element;
}

/**
 * A labelled form control with its hint and a place for its error, found again by its field name
 * (the name the API uses in a problem's errors[].field).
 */
export function field({label, name, type = 'text', value, hint, control, ...attributes}) {
    const id = `field-${name}`;
    const hintId = hint ? `${id}-hint` : null;
    const errorId = `${id}-error`;
    const input = control ?? h('input', {type, value, ...attributes});
    input.id = id;
    input.name = name;
    input.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    const checkbox = input.type === 'checkbox';
    const labelElement = h('label', {for: id}, label);
    return h('div', {class: checkbox ? 'field checkbox' : 'field', 'data-field': name},
        checkbox ? [input, labelElement] : [labelElement, input],
        hint ? h('p', {class: 'hint', id: hintId}, hint) : null,
        h('p', {class: 'field-error', id: errorId, hidden: true}));
}

export function select(options, selected) {
    return h('select', {}, options.map(([value, text]) =>
        h('option', {value, selected: String(value) === String(selected)}, text)));
}

/** Clears the errors a form shows. */
export function clearErrors(form) {
    for (const error of form.querySelectorAll('.field-error, .form-error')) {
        error.textContent = '';
        error.hidden = true;
    }
    for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
}

/**
 * Shows a problem's errors next to their fields (errors[].field, or the field a code such as alias-taken concerns),
 * the rest above the form's buttons; focuses the first field in error.
 */
export function showProblem(form, error, fieldOfCode = {}) {
    clearErrors(form);
    const problem = error.problem ?? {};
    const messages = (problem.errors ?? []).map(e => ({field: String(e.field ?? '').replace(/[[.].*$/, ''), message: e.message}));
    if (messages.length === 0 && fieldOfCode[problem.code]) {
        messages.push({field: fieldOfCode[problem.code], message: problem.detail ?? problem.title});
    }
    const general = [];
    let first = null;
    for (const {field: name, message} of messages) {
        const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
        if (!wrapper) {
            general.push(`${name}: ${message}`);
            continue;
        }
        const text = wrapper.querySelector('.field-error');
        text.textContent = text.textContent ? `${text.textContent}; ${message}` : message;
        text.hidden = false;
        const input = wrapper.querySelector('input, select, textarea');
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
    }
    if (messages.length === 0) general.push(error.message);
    const box = form.querySelector('.form-error');
    if (general.length > 0 && box) {
        box.textContent = general.join(' ');
        box.hidden = false;
    }
    (first ?? box)?.focus();
}

/** The box for a form's errors that belong to no field. */
export function formError() {
    return h('p', {class: 'form-error', role: 'alert', tabindex: '-1', hidden: true});
}

export function statusBadge(status) {
    return h('span', {class: `badge badge-${String(status).toLowerCase()}`}, status);
}

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

export function when(iso) {
    return iso ? h('time', {datetime: iso}, dateTime.format(new Date(iso))) : '—';
}

/** The value of a datetime-local input for an ISO instant, in the browser's time zone. */
export function localInputValue(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    const pad = n => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A copy button for a text, saying "Copied" in a live region. */
export function copyButton(text, label = 'Copy') {
    const status = h('span', {class: 'copy-status', role: 'status'});
    const button = h('button', {type: 'button', class: 'secondary'}, label);
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(text);
        } catch {
            // No clipboard API outside secure contexts (plain http on another host than localhost).
            const area = h('textarea', {readonly: true, class: 'offscreen', 'aria-hidden': 'true'}, text);
            document.body.append(area);
            area.select();
            document.execCommand('copy');
            area.remove();
        }
        status.textContent = 'Copied';
        setTimeout(() => { status.textContent = ''; }, 3000);
    });
    return h('span', {class: 'copy'}, button, status);
}

/**
 * The QR code of a link. Right after its creation the read side may not know the link yet (it learns of it from the
 * events within about a second) and answers 404: the image is asked for again, a little later each time.
 */
export function qrImage(src, attributes) {
    const image = h('img', {src, ...attributes});
    let delay = 250;
    image.addEventListener('error', () => {
        if (delay > 8000) return;
        setTimeout(() => { image.src = src; }, delay);
        delay *= 2;
    });
    return image;
}

/** A page's main heading and title. */
export function heading(main, text) {
    document.title = `${text} · Shortlink`;
    const h1 = h('h1', {}, text);
    main.append(h1);
    return h1;
}

export function notice(text, kind = 'info') {
    return h('p', {class: `notice-box ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
}
