// Every page of the UI is this shell; the address says which page to draw.
import {session} from './api.js';
import {h} from './dom.js';

const pages = [
    [/^\/app\/$/, () => import('./pages/create.js')],
    [/^\/app\/sign-in$/, () => import('./pages/sign-in.js')],
    [/^\/app\/links$/, () => import('./pages/links.js')],
    [/^\/app\/links\/([A-Za-z0-9_-]{1,64})$/, () => import('./pages/link.js')],
    [/^\/app\/admin$/, () => import('./pages/admin.js')],
];

function navigation(path) {
    const signedIn = session.get() !== null;
    const item = (href, text) => h('a', {href, 'aria-current': path === href ? 'page' : null}, text);
    const items = [item('/app/', 'Shorten')];
    if (signedIn) items.push(item('/app/links', 'My links'), item('/app/admin', 'Admin'));
    if (signedIn) {
        items.push(h('button', {
            type: 'button', class: 'link-button', onclick: () => {
                session.clear();
                location.assign('/app/');
            },
        }, 'Sign out'));
    } else {
        items.push(item('/app/sign-in', 'Sign in'));
    }
    return items;
}

async function start() {
    const path = location.pathname;
    document.getElementById('nav').replaceChildren(...navigation(path));
    const main = document.getElementById('main');
    const match = pages.map(([pattern, page]) => [path.match(pattern), page]).find(([found]) => found);
    const page = await (match ? match[1]() : import('./pages/not-found.js'));
    main.replaceChildren();
    await page.render(main, ...(match ? match[0].slice(1).map(decodeURIComponent) : []));
}

start();
