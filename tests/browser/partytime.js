// Parse a feed with the Podcast Index's parser (podcast-partytime) and print, as JSON,
// what it found: the podcast's identity and each episode's enclosure, transcripts and
// chapters. Usage: node partytime.js FEED.xml
"use strict";
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const xml = fs.readFileSync(process.argv[2], "utf8");
const feed = parseFeed(xml, { allowMissingGuid: false });
if (!feed) {
  console.log(JSON.stringify({ parsed: false }));
  process.exit(0);
}
console.log(
  JSON.stringify({
    parsed: true,
    title: feed.title,
    guid: feed.guid || null,
    image: feed.itunesImage || (feed.image && feed.image.url) || null,
    owner: feed.owner || null,
    explicit: feed.explicit,
    language: feed.language,
    lastBuildDate: feed.lastBuildDate || null,
    pc20support: feed.pc20support,
    items: feed.items.map((item) => ({
      title: item.title,
      guid: item.guid,
      pubDate: item.pubDate,
      enclosure: item.enclosure,
      transcripts: (item.podcastTranscripts || []).map((t) => ({ url: t.url, type: t.type })),
      chapters: item.podcastChapters ? { url: item.podcastChapters.url, type: item.podcastChapters.type } : null,
    })),
  })
);
