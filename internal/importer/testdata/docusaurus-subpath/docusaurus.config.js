// @ts-check
module.exports = {
  title: "민지의 노트",
  tagline: "Go와 Rust",
  url: "https://minji-example.github.io",
  baseUrl: "/notes/",
  trailingSlash: true,
  i18n: {defaultLocale: "ko", locales: ["ko"]},
  presets: [
    [
      "@docusaurus/preset-classic",
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: {routeBasePath: "guide", sidebarPath: require.resolve("./sidebars.js")},
        blog: {routeBasePath: "writing", postsPerPage: 2, feedOptions: {type: "all"}},
      }),
    ],
  ],
};
