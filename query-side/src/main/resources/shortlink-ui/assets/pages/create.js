import {api, linkPage, qrCode, session} from '../api.js';
import {clearErrors, copyButton, field, formError, h, heading, qrImage, select, showProblem} from '../dom.js';

export const REDIRECT_TYPES = [
    [302, '302 Found — temporary (default)'],
    [301, '301 Moved Permanently'],
    [307, '307 Temporary Redirect'],
    [308, '308 Permanent Redirect'],
];

/** Tags as the API takes them: a list, from text separated by commas or spaces. */
export function tagList(text) {
    return text.split(/[\s,]+/).map(tag => tag.trim()).filter(Boolean);
}

/** The creation request: every optional field only when it is filled. */
function request(form) {
    const value = name => form.elements[name].value.trim();
    const body = {url: value('url'), redirectType: Number(value('redirectType'))};
    if (value('alias')) body.alias = value('alias');
    if (value('expiresAt')) body.expiresAt = new Date(value('expiresAt')).toISOString();
    if (value('title')) body.title = value('title');
    if (value('tags')) body.tags = tagList(value('tags'));
    if (value('maxVisits')) body.maxVisits = Number(value('maxVisits'));
    if (form.elements.forwardQuery.checked) body.forwardQuery = true;
    return body;
}

function result(link) {
    const section = h('section', {class: 'card result', 'aria-labelledby': 'result-heading'},
        h('h2', {id: 'result-heading', tabindex: '-1'}, 'Your short link'),
        h('p', {class: 'short-url'}, h('a', {href: link.shortUrl, id: 'short-url'}, link.shortUrl), ' ', copyButton(link.shortUrl)),
        h('p', {class: 'target'}, 'Goes to ', h('span', {class: 'url'}, link.url)),
        h('div', {class: 'qr'},
            qrImage(qrCode(link.code, 'png', 512), {width: 192, height: 192, alt: `QR code of ${link.shortUrl}`, id: 'qr-code'}),
            h('p', {}, 'Download the QR code as ',
                h('a', {href: qrCode(link.code, 'png', 1024), download: `${link.code}.png`}, 'PNG'), ' or ',
                h('a', {href: qrCode(link.code, 'svg'), download: `${link.code}.svg`}, 'SVG'), '.')),
        h('p', {class: 'actions'},
            h('a', {class: 'button', href: linkPage(link.code)}, 'Details and clicks'),
            h('a', {href: '/app/'}, 'Shorten another')));
    return section;
}

export function render(main) {
    heading(main, 'Shorten a link');
    if (!session.get()) {
        main.append(h('p', {class: 'lead'}, 'You are not signed in: the link will be anonymous. Anyone can see its clicks, ' +
            'and nobody can change or delete it. ', h('a', {href: '/app/sign-in'}, 'Sign in with an API key'), ' to own your links.'));
    }
    const error = formError();
    const form = h('form', {class: 'card', novalidate: true},
        field({label: 'URL', name: 'url', type: 'url', required: true, autocomplete: 'url', placeholder: 'https://example.com/a/long/path',
            spellcheck: 'false'}),
        h('div', {class: 'grid'},
            field({label: 'Alias', name: 'alias', hint: 'Optional: 3–64 letters, digits, - or _', autocomplete: 'off', spellcheck: 'false'}),
            field({label: 'Title', name: 'title', hint: 'Optional: your own label', autocomplete: 'off'}),
            field({label: 'Expires', name: 'expiresAt', type: 'datetime-local', hint: 'Optional: in your time zone'}),
            field({label: 'Redirect type', name: 'redirectType', control: select(REDIRECT_TYPES, 302)}),
            field({label: 'Tags', name: 'tags', hint: 'Optional: separated by commas', autocomplete: 'off', spellcheck: 'false'}),
            field({label: 'Max visits', name: 'maxVisits', type: 'number', min: 1, step: 1, inputmode: 'numeric',
                hint: 'Optional: stops redirecting after that many visits'})),
        field({label: 'Forward the query string', name: 'forwardQuery', type: 'checkbox'}),
        error,
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Shorten')));
    const output = h('div', {id: 'result'});
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            const link = await api('POST', '/api/v1/links', {body: request(form)});
            output.replaceChildren(result(link));
            form.reset();
            output.querySelector('h2').focus();
        } catch (failure) {
            output.replaceChildren();
            showProblem(form, failure, {'alias-taken': 'alias'});
        } finally {
            button.disabled = false;
        }
    });
    main.append(form, output);
    form.elements.url.focus();
}
