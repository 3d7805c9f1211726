/** An expected failure: the HTTP status it answers with and its English title. */
export interface ErrorEntry {
  status: number;
  title: string;
}
