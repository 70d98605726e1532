import {themes as prismThemes} from 'prism-react-renderer';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';

const deletedTags = ['calico', '컴퓨터-구조'];

const config: Config = {
  title: 'doyul.dev',
  tagline: "Hi, I'm Doyul",
  favicon: 'img/favicon.ico',
  url: 'https://doyul.example',
  baseUrl: '/',
  trailingSlash: false,
  onBrokenLinks: 'throw',
  i18n: {
    defaultLocale: 'ko',
    locales: ['ko', 'en'],
    localeConfigs: {
      ko: {label: '한국어', htmlLang: 'ko'},
      en: {label: 'English', htmlLang: 'en'},
    },
  },
  plugins: [
    'docusaurus-plugin-sass',
    [
      '@docusaurus/plugin-client-redirects',
      {
        redirects: [{from: '/docs/intro', to: '/docs/kube'}],
        createRedirects(existingPath) {
          if (existingPath === '/tags') {
            return deletedTags.map((t) => `/tags/${t}`);
          }
          return undefined;
        },
      },
    ],
  ],
  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          showLastUpdateTime: true,
        },
        blog: {
          routeBasePath: '/', // the blog is the home page
          blogTitle: 'doyul.dev',
          blogDescription: 'Kubernetes and Rust',
          postsPerPage: 1,
          feedOptions: {
            type: ['rss', 'atom'],
            copyright: `Copyright ${new Date().getFullYear()} Doyul`,
            createFeedItems: async (params) => {
              const {blogPosts, defaultCreateFeedItems, ...rest} = params;
              return defaultCreateFeedItems({
                blogPosts: blogPosts.filter((post) => post.metadata.frontMatter.featured === true),
                ...rest,
              });
            },
          },
        },
        ...(process.env.NODE_ENV === 'production' && {gtag: {trackingID: 'G-XXXX'}}),
        theme: {customCss: './src/css/custom.scss'},
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    image: 'img/og.jpg',
    navbar: {
      title: 'doyul.dev',
      items: [
        {type: 'docSidebar', sidebarId: 'kubeSidebar', label: 'kube'},
        {to: '/archive', label: 'Archive', position: 'left'},
        {to: '/about', label: 'About', position: 'left'},
        {to: '/uses', label: 'Uses', position: 'left'},
        {type: 'localeDropdown', position: 'right'},
      ],
    },
    footer: {copyright: `© ${new Date().getFullYear()} Doyul`},
    prism: {theme: prismThemes.github},
    algolia: {appId: 'X', apiKey: 'y', indexName: 'doyul'},
  } satisfies Preset.ThemeConfig,
};

export default config;
