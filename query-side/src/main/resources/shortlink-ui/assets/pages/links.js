import {api, linkPage, session} from '../api.js';
import {h, heading, notice, statusBadge, when} from '../dom.js';

const PAGE_SIZE = 20;

function card(link) {
    return h('li', {class: 'card link'},
        h('div', {class: 'link-head'},
            h('a', {href: linkPage(link.code), class: 'code'}, link.title || link.code),
            statusBadge(link.status),
            h('span', {class: 'clicks'}, `${link.totalClicks} ${link.totalClicks === 1 ? 'click' : 'clicks'}`)),
        h('p', {class: 'url'}, link.url),
        h('p', {class: 'meta'}, link.shortUrl, ' · created ', when(link.createdAt),
            (link.tags ?? []).map(tag => h('a', {class: 'tag', href: `/app/links?tag=${encodeURIComponent(tag)}`}, tag))));
}

function pager(page, total, tag) {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const href = n => `/app/links?page=${n}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}`;
    return h('nav', {class: 'pager', 'aria-label': 'Pages'},
        page > 0 ? h('a', {class: 'button secondary', href: href(page - 1), rel: 'prev'}, 'Previous') : null,
        h('span', {}, `Page ${page + 1} of ${pages}`),
        page + 1 < pages ? h('a', {class: 'button secondary', href: href(page + 1), rel: 'next'}, 'Next') : null);
}

export async function render(main) {
    heading(main, 'My links');
    if (!session.get()) {
        main.append(h('p', {}, h('a', {href: '/app/sign-in'}, 'Sign in'), ' with an API key to see the links you own.'));
        return;
    }
    const parameters = new URLSearchParams(location.search);
    const page = Math.max(0, Number.parseInt(parameters.get('page') ?? '0', 10) || 0);
    const tag = parameters.get('tag')?.trim() || null;
    if (parameters.get('deleted')) main.append(notice(`The link ${parameters.get('deleted')} was deleted.`));
    let result;
    try {
        result = await api('GET', `/api/v1/links?page=${page}&size=${PAGE_SIZE}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}`);
    } catch (failure) {
        main.append(notice(failure.message, 'error'));
        return;
    }
    // The tag filter shows once the API keeps tags on links (an answer without them has no tags to filter by).
    const tagsKept = result.items.some(link => 'tags' in link) || tag;
    if (tagsKept) {
        main.append(h('form', {class: 'filter', method: 'get', action: '/app/links', role: 'search'},
            h('label', {for: 'tag-filter'}, 'Tag'),
            h('input', {id: 'tag-filter', name: 'tag', value: tag ?? '', autocomplete: 'off', spellcheck: 'false'}),
            h('button', {type: 'submit', class: 'secondary'}, 'Filter'),
            tag ? h('a', {href: '/app/links'}, 'All links') : null));
    }
    main.append(h('p', {class: 'summary', role: 'status'},
        result.total === 0 ? 'No links yet. ' : `${result.total} ${result.total === 1 ? 'link' : 'links'}${tag ? ` tagged ${tag}` : ''}. `,
        h('a', {href: '/app/'}, 'Shorten a link')));
    if (result.items.length > 0) {
        main.append(h('ul', {class: 'links', 'aria-label': 'Links'}, result.items.map(card)), pager(page, result.total, tag));
    }
}
