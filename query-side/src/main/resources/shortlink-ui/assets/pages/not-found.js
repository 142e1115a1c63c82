import {h, heading} from '../dom.js';

export function render(main, title = 'Page not found', detail = 'There is no page at this address.') {
    main.classList.add('notice');
    heading(main, title);
    main.append(h('p', {}, detail), h('p', {}, h('a', {class: 'button', href: '/app/'}, 'Shorten a link')));
}
