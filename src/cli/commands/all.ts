// Every CLI command, in the order `--help` lists them.
import type { Command } from '../context';
import { fetchCommand } from './fetch';
import { papersCommand } from './papers';
import { showCommand } from './show';
import { citeCommand } from './cite';
import { bibtexCommand } from './bibtex';
import { noteCommand } from './note';
import { importCommand } from './import';
import { addCommand } from './add';
import { indexCommand } from './index-notes';
import { searchCommand } from './search';
import { linksCommand } from './links';
import { recommendCommand } from './recommend';
import { relatedCommand } from './related';
import { feedbackCommand } from './feedback';
import { syncCommand } from './sync';

export const commands: Command[] = [
  fetchCommand, papersCommand, addCommand, showCommand, citeCommand, bibtexCommand, syncCommand, noteCommand, importCommand,
  indexCommand, searchCommand, linksCommand, recommendCommand, relatedCommand, feedbackCommand,
];
