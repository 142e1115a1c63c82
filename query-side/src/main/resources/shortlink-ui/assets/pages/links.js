import {api, linkPage, session} from '../api.js';
import {clearErrors, field, formError, h, heading, notice, showProblem, statusBadge, when} from '../dom.js';

const PAGE_SIZE = 20;
/** How long typing pauses before the list is searched. */
const SEARCH_DELAY_MS = 300;

function card(link) {
    return h('li', {class: 'card link'},
        h('div', {class: 'link-head'},
            h('a', {href: linkPage(link.code), class: 'code'}, link.title || link.code),
            statusBadge(link.status),
            h('span', {class: 'clicks'}, `${link.totalClicks} ${link.totalClicks === 1 ? 'click' : 'clicks'}`)),
        h('p', {class: 'url'}, link.url),
        h('p', {class: 'meta'}, link.shortUrl, ' · created ', when(link.createdAt),
            (link.tags ?? []).map(tag => h('a', {class: 'tag', href: address({tag})}, tag))));
}

/** The list's address in the UI, and the API's query, for a page of a search and tag filter. */
function query({page = 0, q = null, tag = null}) {
    const parameters = new URLSearchParams();
    if (page > 0) parameters.set('page', page);
    if (q) parameters.set('q', q);
    if (tag) parameters.set('tag', tag);
    return parameters;
}

function address(state) {
    const parameters = query(state).toString();
    return parameters ? `/app/links?${parameters}` : '/app/links';
}

function pager(state, total) {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    return h('nav', {class: 'pager', 'aria-label': 'Pages'},
        state.page > 0 ? h('a', {class: 'button secondary', href: address({...state, page: state.page - 1}), rel: 'prev'}, 'Previous') : null,
        h('span', {}, `Page ${state.page + 1} of ${pages}`),
        state.page + 1 < pages ? h('a', {class: 'button secondary', href: address({...state, page: state.page + 1}), rel: 'next'}, 'Next') : null);
}

function summary(state, total) {
    if (total === 0) {
        return state.q || state.tag ? 'No links match. ' : 'No links yet. ';
    }
    const which = [state.q ? ` matching “${state.q}”` : '', state.tag ? ` tagged ${state.tag}` : ''].join('');
    return `${total} ${total === 1 ? 'link' : 'links'}${which}. `;
}

/**
 * The search box and the tag filter. Submitting loads the address (a bookmark of the search); typing in the search
 * box searches as soon as the typing pauses, keeping the tag filter, from the first page.
 */
function filterForm(state, search) {
    const form = h('form', {class: 'filter', method: 'get', action: '/app/links', role: 'search', novalidate: true},
        field({label: 'Search', name: 'q', type: 'search', value: state.q ?? '', autocomplete: 'off', spellcheck: 'false',
            hint: 'Code, target URL or title'}),
        field({label: 'Tag', name: 'tag', value: state.tag ?? '', autocomplete: 'off', spellcheck: 'false', hint: 'One tag, such as spring-sale'}),
        formError(),
        h('div', {class: 'actions'},
            h('button', {type: 'submit', class: 'secondary'}, 'Filter'),
            state.q || state.tag ? h('a', {href: '/app/links'}, 'All links') : null));
    form.addEventListener('submit', event => {
        // Empty fields stay out of the address.
        event.preventDefault();
        location.assign(address({q: form.elements.q.value.trim() || null, tag: form.elements.tag.value.trim() || null}));
    });
    let pending;
    form.elements.q.addEventListener('input', () => {
        clearTimeout(pending);
        pending = setTimeout(() => search(form.elements.q.value.trim() || null), SEARCH_DELAY_MS);
    });
    return form;
}

export async function render(main) {
    heading(main, 'My links');
    if (!session.get()) {
        main.append(h('p', {}, h('a', {href: '/app/sign-in'}, 'Sign in'), ' with an API key to see the links you own.'));
        return;
    }
    const parameters = new URLSearchParams(location.search);
    let state = {
        page: Math.max(0, Number.parseInt(parameters.get('page') ?? '0', 10) || 0),
        q: parameters.get('q')?.trim() || null,
        tag: parameters.get('tag')?.trim() || null,
    };
    if (parameters.get('deleted')) main.append(notice(`The link ${parameters.get('deleted')} was deleted.`));
    const results = h('div', {class: 'results', 'aria-live': 'polite'});
    let shown = 0;

    /** Shows a page of the list; an answer overtaken by a later search is dropped. */
    async function show(wanted, form) {
        const number = ++shown;
        let result;
        try {
            const parameters = query(wanted);
            parameters.set('size', PAGE_SIZE);
            result = await api('GET', `/api/v1/links?${parameters}`);
        } catch (failure) {
            if (number !== shown) return;
            if (failure.status === 400 && form) showProblem(form, failure);
            else results.replaceChildren(notice(failure.message, 'error'));
            return;
        }
        if (number !== shown) return;
        if (form) clearErrors(form);
        state = wanted;
        results.replaceChildren(
            h('p', {class: 'summary', role: 'status'}, summary(state, result.total), h('a', {href: '/app/'}, 'Shorten a link')),
            ...(result.items.length > 0 ? [h('ul', {class: 'links', 'aria-label': 'Links'}, result.items.map(card)), pager(state, result.total)] : []));
    }

    const form = filterForm(state, async q => {
        const wanted = {...state, page: 0, q};
        await show(wanted, form);
        if (state === wanted) history.replaceState(null, '', address(state));
    });
    main.append(form, results);
    await show(state, form);
}
