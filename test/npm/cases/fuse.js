import Fuse from "fuse.js";

const books = [
  { title: "Old Man's War", author: "John Scalzi" },
  { title: "The Lock Artist", author: "Steve Hamilton" },
  { title: "HTML5", author: "Remy Sharp" },
  { title: "Right Ho Jeeves", author: "P.D Woodhouse" },
  { title: "The Code of the Wooster", author: "P.D Woodhouse" },
];

export default function run() {
  const fuse = new Fuse(books, { keys: ["title", "author"], includeScore: true, includeMatches: true, threshold: 0.4 });
  return JSON.stringify(["wodhose", "lock", "jhon"].map((query) => fuse.search(query)));
}
