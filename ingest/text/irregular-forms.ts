// Past forms of common irregular English verbs → base form, so "what drove growth" meets
// "driving growth" (Porter stemming only handles regular endings). General vocabulary, not
// tuned to any transcript.
import { wordTable } from './word-table.ts';

export const IRREGULAR_FORMS: Readonly<Record<string, string>> = wordTable(Object.fromEntries(
  (
    'arose:arise arisen:arise became:become began:begin begun:begin bought:buy brought:bring built:build ' +
    'came:come caught:catch chose:choose chosen:choose cut:cut dealt:deal did:do done:do drew:draw drawn:draw ' +
    'drove:drive driven:drive fell:fall fallen:fall felt:feel fought:fight found:find forgot:forget ' +
    'forgotten:forget froze:freeze frozen:freeze gave:give given:give got:get gotten:get went:go gone:go ' +
    'grew:grow grown:grow had:have heard:hear held:hold hid:hide hidden:hide kept:keep knew:know known:know ' +
    'laid:lay led:lead left:leave lent:lend lost:lose made:make meant:mean met:meet paid:pay ran:run ' +
    'rose:rise risen:rise said:say saw:see seen:see sought:seek sold:sell sent:send shook:shake shaken:shake ' +
    'shone:shine shot:shoot showed:show shown:show shrank:shrink shrunk:shrink sped:speed spent:spend ' +
    'spoke:speak spoken:speak stood:stand stole:steal stolen:steal struck:strike swung:swing took:take ' +
    'taken:take taught:teach thought:think threw:throw thrown:throw told:tell understood:understand ' +
    'undertook:undertake undertaken:undertake won:win wore:wear worn:wear wrote:write written:write ' +
    'withdrew:withdraw withdrawn:withdraw overtook:overtake overtaken:overtake'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
));
