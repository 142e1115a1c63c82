import {api, ApiError, eventStream, qrCode, session} from '../api.js';
import {clearErrors, copyButton, field, formError, h, heading, localInputValue, notice, select, showProblem, statusBadge, when} from '../dom.js';
import {REDIRECT_TYPES, tagList} from './create.js';
import {render as notFound} from './not-found.js';

const PRESETS = [7, 30, 90];
const DIMENSIONS = [
    ['referrers', 'Referrers', 'Referrer'], ['countries', 'Countries', 'Country'], ['browsers', 'Browsers', 'Browser'],
    ['operatingSystems', 'Operating systems', 'Operating system'], ['devices', 'Devices', 'Device'],
];

/** How many of the latest clicks the live list keeps. */
const LIVE_CLICKS_SHOWN = 20;

let chartLibrary;

/** Chart.js, loaded on the first page that draws a chart. */
function loadChartLibrary() {
    chartLibrary ??= new Promise((resolve, reject) => {
        const script = h('script', {src: '/app/vendor/chart.js/chart.umd.min.js'});
        script.addEventListener('load', () => resolve(window.Chart));
        script.addEventListener('error', () => reject(new Error('The chart library could not be loaded')));
        document.head.append(script);
    });
    return chartLibrary;
}

function utcDay(daysAgo) {
    return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

function details(link) {
    const rows = [
        ['Short URL', h('span', {}, h('a', {href: link.shortUrl}, link.shortUrl), ' ', copyButton(link.shortUrl))],
        ['Target', h('span', {class: 'url', id: 'link-target'}, link.url)],
        ['Status', statusBadge(link.status)],
        ['Clicks', String(link.totalClicks)],
        ['Created', when(link.createdAt)],
        ['Expires', link.expiresAt ? when(link.expiresAt) : 'never'],
        ['Redirect type', String(link.redirectType)],
    ];
    if ('title' in link) rows.splice(1, 0, ['Title', link.title ?? '—']);
    if ('tags' in link) rows.push(['Tags', (link.tags ?? []).length ? link.tags.join(', ') : '—']);
    if ('maxVisits' in link) rows.push(['Max visits', link.maxVisits ?? 'no limit']);
    if ('forwardQuery' in link) rows.push(['Forwards the query string', link.forwardQuery ? 'yes' : 'no']);
    return h('section', {class: 'card details', 'aria-labelledby': 'details-heading'},
        h('h2', {id: 'details-heading'}, 'Details'),
        h('div', {class: 'details-body'},
            h('dl', {}, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
            h('figure', {class: 'qr'},
                h('img', {src: qrCode(link.code, 'png', 512), width: 160, height: 160, alt: `QR code of ${link.shortUrl}`}),
                h('figcaption', {}, h('a', {href: qrCode(link.code, 'png', 1024), download: `${link.code}.png`}, 'PNG'), ' · ',
                    h('a', {href: qrCode(link.code, 'svg'), download: `${link.code}.svg`}, 'SVG')))));
}

function topList([key, title, one], stats) {
    const entries = stats[key] ?? [];
    return h('div', {class: 'top'},
        h('h3', {}, title),
        entries.length === 0 ? h('p', {class: 'muted'}, 'None in this range') :
            h('table', {},
                h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, one), h('th', {scope: 'col', class: 'number'}, 'Clicks'))),
                h('tbody', {}, entries.map(entry => h('tr', {}, h('td', {}, entry.value), h('td', {class: 'number'}, String(entry.clicks)))))));
}

async function drawChart(canvas, daily) {
    const Chart = await loadChartLibrary();
    const style = getComputedStyle(document.documentElement);
    const color = name => style.getPropertyValue(name).trim();
    Chart.getChart(canvas)?.destroy();
    new Chart(canvas, {
        data: {
            labels: daily.map(day => day.date),
            datasets: [
                {type: 'bar', label: 'Clicks', data: daily.map(day => day.clicks), backgroundColor: color('--chart-clicks')},
                {type: 'line', label: 'Unique visitors', data: daily.map(day => day.uniqueVisitors), borderColor: color('--chart-visitors'),
                    backgroundColor: color('--chart-visitors'), pointRadius: 2, borderWidth: 2},
            ],
        },
        options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            interaction: {mode: 'index', intersect: false},
            scales: {
                x: {ticks: {color: color('--muted'), maxRotation: 0, autoSkipPadding: 12}, grid: {color: color('--border')}},
                y: {beginAtZero: true, ticks: {color: color('--muted'), precision: 0}, grid: {color: color('--border')}},
            },
            plugins: {legend: {labels: {color: color('--fg')}}},
        },
    });
}

/**
 * The range's clicks per day as CSV, made in the page from the stats it shows (the stats API is the only source: no
 * export endpoint of its own is needed).
 */
function dailyCsv(stats) {
    const rows = [['date', 'clicks', 'uniqueVisitors'], ...stats.daily.map(day => [day.date, day.clicks, day.uniqueVisitors])];
    return rows.map(row => row.join(',')).join('\r\n') + '\r\n';
}

function statsSection(code) {
    const body = h('div', {class: 'stats-body'});
    const presetButtons = PRESETS.map(days => h('button', {type: 'button', class: 'secondary', 'data-days': days, 'aria-pressed': 'false'}, `${days} days`));
    const custom = h('form', {class: 'range', novalidate: true},
        field({label: 'From', name: 'from', type: 'date'}),
        field({label: 'To', name: 'to', type: 'date'}),
        formError(),
        h('button', {type: 'submit', class: 'secondary'}, 'Show range'));
    let csvAddress = null;
    const section = h('section', {class: 'card stats', 'aria-labelledby': 'stats-heading'},
        h('h2', {id: 'stats-heading'}, 'Clicks'),
        h('div', {class: 'presets', role: 'group', 'aria-label': 'Range'}, presetButtons),
        custom, body);

    async function show(from, to, preset) {
        for (const button of presetButtons) button.setAttribute('aria-pressed', String(Number(button.dataset.days) === preset));
        custom.elements.from.value = from;
        custom.elements.to.value = to;
        clearErrors(custom);
        body.setAttribute('aria-busy', 'true');
        let stats;
        try {
            stats = await api('GET', `/api/v1/links/${encodeURIComponent(code)}/stats?from=${from}&to=${to}`);
        } catch (failure) {
            body.removeAttribute('aria-busy');
            if (failure.status === 400) {
                showProblem(custom, failure);
            } else {
                body.replaceChildren(notice(failure.status === 403
                    ? 'Only the owner of this link (or an admin) sees its clicks.' : failure.message, 'error'));
            }
            return;
        }
        if (csvAddress) URL.revokeObjectURL(csvAddress);
        csvAddress = URL.createObjectURL(new Blob([dailyCsv(stats)], {type: 'text/csv'}));
        const canvas = h('canvas', {id: 'clicks-chart', role: 'img',
            'aria-label': `Clicks and unique visitors per day from ${stats.from} to ${stats.to}: ${stats.totalClicks} clicks, ${stats.uniqueVisitors} unique visitors`});
        body.replaceChildren(
            h('dl', {class: 'figures'},
                h('div', {}, h('dt', {}, 'Clicks'), h('dd', {id: 'total-clicks'}, String(stats.totalClicks))),
                h('div', {}, h('dt', {}, 'Unique visitors'), h('dd', {}, String(stats.uniqueVisitors))),
                h('div', {}, h('dt', {}, 'Bot clicks (not counted)'), h('dd', {}, String(stats.botClicks)))),
            h('div', {class: 'chart'}, canvas),
            h('p', {}, h('a', {class: 'button secondary', id: 'export-csv', href: csvAddress,
                download: `${code}-clicks-${stats.from}-to-${stats.to}.csv`}, 'Download CSV'),
            h('span', {class: 'hint'}, ' Clicks and unique visitors per day of this range')),
            h('details', {},
                h('summary', {}, 'Clicks per day as a table'),
                h('table', {},
                    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Day'), h('th', {scope: 'col', class: 'number'}, 'Clicks'),
                        h('th', {scope: 'col', class: 'number'}, 'Unique visitors'))),
                    h('tbody', {}, stats.daily.map(day => h('tr', {}, h('td', {}, day.date),
                        h('td', {class: 'number'}, String(day.clicks)), h('td', {class: 'number'}, String(day.uniqueVisitors))))))),
            h('div', {class: 'tops'}, DIMENSIONS.map(dimension => topList(dimension, stats))));
        body.removeAttribute('aria-busy');
        try {
            await drawChart(canvas, stats.daily);
            shown = {canvas, daily: stats.daily};
        } catch (failure) {
            canvas.replaceWith(notice(failure.message, 'error'));
        }
    }

    // The chart's colours come from the stylesheet: drawn again when the system switches between light and dark.
    let shown = null;
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
        if (shown?.canvas.isConnected) drawChart(shown.canvas, shown.daily);
    });

    for (const button of presetButtons) {
        const days = Number(button.dataset.days);
        button.addEventListener('click', () => show(utcDay(days - 1), utcDay(0), days));
    }
    custom.addEventListener('submit', event => {
        event.preventDefault();
        const {from, to} = custom.elements;
        const errors = [];
        if (!from.value) errors.push({field: 'from', message: 'Pick the first day'});
        if (!to.value) errors.push({field: 'to', message: 'Pick the last day'});
        if (errors.length) showProblem(custom, new ApiError(400, {errors}));
        else show(from.value, to.value, null);
    });
    return {section, show: () => show(utcDay(29), utcDay(0), 30)};
}

function liveClick(click) {
    const time = new Date(click.clickedAt);
    const referrer = click.referrer === 'direct' ? 'no referrer' : `from ${click.referrer}`;
    return h('li', {},
        h('time', {datetime: click.clickedAt}, time.toLocaleTimeString()), ' ',
        h('span', {class: 'live-where'}, [click.country, click.browser, click.os, click.device, referrer].join(' · ')),
        click.bot ? [' ', h('span', {class: 'badge badge-bot'}, 'bot')] : null);
}

/**
 * The clicks on the link as they happen, while the person listens: the latest first, the stream closed by Stop and
 * when the page is left.
 */
function liveSection(code) {
    const toggle = h('button', {type: 'button', class: 'secondary', id: 'live-toggle'}, 'Start');
    const status = h('p', {class: 'live-status', role: 'status'}, 'Press Start to see each click within seconds.');
    const list = h('ol', {class: 'live-clicks', 'aria-label': 'Latest clicks, newest first'});
    let listening = null;

    function stop(message) {
        listening?.abort();
        listening = null;
        toggle.textContent = 'Start';
        if (message) status.textContent = message;
    }

    async function start() {
        const controller = new AbortController();
        listening = controller;
        toggle.textContent = 'Stop';
        status.textContent = 'Listening for clicks…';
        try {
            await eventStream(`/api/v1/links/${encodeURIComponent(code)}/clicks/live`, (name, data) => {
                if (name !== 'click') return;
                list.prepend(liveClick(JSON.parse(data)));
                while (list.children.length > LIVE_CLICKS_SHOWN) list.lastElementChild.remove();
            }, {signal: controller.signal});
            if (!controller.signal.aborted) stop('The service closed the stream. Start again to go on listening.');
        } catch (failure) {
            if (!controller.signal.aborted) {
                stop(failure.status === 403 ? 'Only the owner of this link (or an admin) sees its clicks live.' : failure.message);
            }
        }
    }

    toggle.addEventListener('click', () => (listening ? stop('Stopped.') : start()));
    window.addEventListener('pagehide', () => stop());
    return h('section', {class: 'card live', 'aria-labelledby': 'live-heading'},
        h('h2', {id: 'live-heading'}, 'Live clicks'),
        h('div', {class: 'actions'}, toggle, status),
        list);
}

function historyItem(event) {
    const data = Object.entries(event.data ?? {}).filter(([, value]) => value !== null && value !== undefined);
    return h('li', {},
        h('p', {}, h('strong', {}, event.type), ' · ', when(event.at), ' · by ', event.by),
        data.length ? h('dl', {class: 'event-data'}, data.map(([name, value]) =>
            [h('dt', {}, name), h('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))])) : null);
}

async function historySection(code) {
    const section = h('section', {class: 'card history', 'aria-labelledby': 'history-heading'},
        h('h2', {id: 'history-heading'}, 'History'));
    try {
        const events = await api('GET', `/api/v1/links/${encodeURIComponent(code)}/history`);
        section.append(h('ol', {class: 'events'}, events.map(historyItem)));
    } catch (failure) {
        section.append(notice(failure.status === 403 ? 'Only the owner of this link (or an admin) sees its history.' : failure.message,
            failure.status === 403 ? 'info' : 'error'));
    }
    return section;
}

function editSection(link) {
    const extras = [];
    if ('title' in link) extras.push(field({label: 'Title', name: 'title', value: link.title ?? '', autocomplete: 'off'}));
    if ('tags' in link) extras.push(field({label: 'Tags', name: 'tags', value: (link.tags ?? []).join(', '), hint: 'Separated by commas',
        autocomplete: 'off', spellcheck: 'false'}));
    if ('maxVisits' in link) extras.push(field({label: 'Max visits', name: 'maxVisits', type: 'number', min: 1, step: 1,
        value: link.maxVisits ?? '', hint: 'Empty: no limit'}));
    if ('forwardQuery' in link) extras.push(field({label: 'Forward the query string', name: 'forwardQuery', type: 'checkbox',
        checked: link.forwardQuery === true}));
    const form = h('form', {class: 'edit', novalidate: true},
        field({label: 'URL', name: 'url', type: 'url', value: link.url, required: true, spellcheck: 'false'}),
        h('div', {class: 'grid'},
            field({label: 'Expires', name: 'expiresAt', type: 'datetime-local', value: localInputValue(link.expiresAt),
                hint: 'In your time zone; empty: never'}),
            field({label: 'Redirect type', name: 'redirectType', control: select(REDIRECT_TYPES, link.redirectType)}),
            extras),
        formError(),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save changes')));
    const saved = h('p', {class: 'saved', role: 'status'});
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        saved.textContent = '';
        const value = name => form.elements[name].value.trim();
        // A merge patch: what the API keeps for the link, each field set (an emptied one removed).
        const patch = {url: value('url'), expiresAt: value('expiresAt') ? new Date(value('expiresAt')).toISOString() : null,
            redirectType: Number(value('redirectType'))};
        if ('title' in link) patch.title = value('title') || null;
        if ('tags' in link) patch.tags = tagList(value('tags'));
        if ('maxVisits' in link) patch.maxVisits = value('maxVisits') ? Number(value('maxVisits')) : null;
        if ('forwardQuery' in link) patch.forwardQuery = form.elements.forwardQuery.checked;
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            const changed = await api('PATCH', `/api/v1/links/${encodeURIComponent(link.code)}`,
                {body: patch, contentType: 'application/merge-patch+json'});
            document.querySelector('.details').replaceWith(details({...link, ...changed}));
            saved.textContent = 'Saved.';
        } catch (failure) {
            showProblem(form, failure);
        } finally {
            button.disabled = false;
        }
    });
    return h('section', {class: 'card', 'aria-labelledby': 'edit-heading'}, h('h2', {id: 'edit-heading'}, 'Edit'), form, saved);
}

function deleteSection(link) {
    const error = h('p', {class: 'form-error', role: 'alert', hidden: true});
    const confirm = h('button', {type: 'button', class: 'danger', id: 'confirm-delete'}, 'Delete for good');
    const cancel = h('button', {type: 'button', class: 'secondary'}, 'Keep it');
    const dialog = h('dialog', {'aria-labelledby': 'delete-dialog-heading'},
        h('h2', {id: 'delete-dialog-heading'}, `Delete ${link.code}?`),
        h('p', {}, `${link.shortUrl} will answer “410 Gone” from then on, and the code is never given out again.`),
        error,
        h('div', {class: 'actions'}, confirm, cancel));
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', async () => {
        confirm.disabled = true;
        try {
            await api('DELETE', `/api/v1/links/${encodeURIComponent(link.code)}`);
            location.assign(`/app/links?deleted=${encodeURIComponent(link.code)}`);
        } catch (failure) {
            error.textContent = failure.message;
            error.hidden = false;
            confirm.disabled = false;
        }
    });
    return h('section', {class: 'card danger-zone', 'aria-labelledby': 'delete-heading'},
        h('h2', {id: 'delete-heading'}, 'Delete'),
        h('p', {}, 'Deleting is final: the short link stops working.'),
        h('button', {type: 'button', class: 'danger', onclick: () => dialog.showModal()}, 'Delete this link'),
        dialog);
}

export async function render(main, code) {
    let link;
    try {
        link = await api('GET', `/api/v1/links/${encodeURIComponent(code)}`);
    } catch (failure) {
        if (failure.status === 404) notFound(main, 'Link not found', `There is no link with the code ${code}.`);
        else main.append(notice(failure.message, 'error'));
        return;
    }
    heading(main, link.title || link.code);
    if (link.status === 'DELETED') main.append(notice('This link was deleted: it answers “410 Gone”.'));
    const stats = statsSection(link.code);
    main.append(details(link), stats.section);
    await stats.show();
    if (session.get()) {
        if (link.status !== 'DELETED') main.append(liveSection(link.code));
        main.append(await historySection(link.code));
        if (link.status !== 'DELETED') main.append(editSection(link), deleteSection(link));
    }
}

