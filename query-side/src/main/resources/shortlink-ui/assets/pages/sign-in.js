import {api, ApiError, session} from '../api.js';
import {clearErrors, field, formError, h, heading, showProblem} from '../dom.js';

export function render(main) {
    heading(main, 'Sign in');
    const error = formError();
    const form = h('form', {class: 'card narrow', novalidate: true},
        h('p', {}, 'Paste an API key. It is kept in this browser tab only, and forgotten when the tab is closed.'),
        field({label: 'API key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true}),
        error,
        h('div', {class: 'actions'},
            h('button', {type: 'submit', class: 'primary'}, 'Sign in'),
            h('a', {href: '/app/'}, 'Go on without a key')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        const key = form.elements.key.value.trim();
        if (!key) {
            showProblem(form, new ApiError(400, {errors: [{field: 'key', message: 'Paste your API key here'}]}));
            return;
        }
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            await api('GET', '/api/v1/links?page=0&size=1', {key});
            session.set({key});
            location.assign('/app/links');
        } catch (failure) {
            const problem = failure.status === 401
                ? {errors: [{field: 'key', message: 'This key is unknown or revoked'}]}
                : failure.problem;
            showProblem(form, new ApiError(failure.status, problem));
            button.disabled = false;
        }
    });
    main.append(form);
    form.elements.key.focus();
}
