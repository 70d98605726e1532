// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: '민지와 도율의 기술 블로그',
  url: 'https://old.example.com',
  baseUrl: '/',
  trailingSlash: false,
  onBrokenLinks: 'throw',
  i18n: {
    defaultLocale: 'ko',
    locales: ['ko', 'en'],
  },
  presets: [
    [
      'classic',
      {
        docs: false,
        blog: {
          routeBasePath: 'blog',
          showReadingTime: true,
          blogSidebarCount: 'ALL',
        },
        theme: {customCss: './src/css/custom.css'},
      },
    ],
  ],
};

module.exports = config;
