import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { locale } from '$lib/i18n/index.svelte';

document.documentElement.lang = locale.current;

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
