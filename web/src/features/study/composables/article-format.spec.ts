import { describe, expect, it } from 'vitest';
import { block, link, list, paragraphs, wrap } from './article-format';

describe('article editor formatting', () => {
  it('wraps the selection and keeps it selected', () => {
    const r = wrap('学习党章很重要', 2, 4, '<strong>', '</strong>');
    expect(r.text).toBe('学习<strong>党章</strong>很重要');
    expect(r.text.slice(r.start, r.end)).toBe('党章');
  });

  it('an empty selection gets an empty pair to type into', () => {
    const r = wrap('abc', 3, 3, '<strong>', '</strong>');
    expect(r.text).toBe('abc<strong></strong>');
    expect([r.start, r.end]).toEqual([11, 11]);
  });

  it('turns the selected lines into a list', () => {
    const text = '要求如下：\n产业兴旺\n生态宜居\n结尾';
    const r = list(text, 7, 15);
    expect(r.text).toBe('要求如下：\n<ul>\n  <li>产业兴旺</li>\n  <li>生态宜居</li>\n</ul>\n结尾');
  });

  it('makes a heading or a quotation of the line at the caret', () => {
    expect(block('前言\n一、总体要求\n正文', 5, 5, 'h2').text).toBe('前言\n<h2>一、总体要求</h2>\n正文');
    expect(block('不忘初心', 0, 4, 'blockquote').text).toBe('<blockquote><p>不忘初心</p></blockquote>');
  });

  it('links the selection', () => {
    expect(link('共产党员网', 0, 5, ' https://www.12371.cn/ ').text).toBe('<a href="https://www.12371.cn/">共产党员网</a>');
  });

  it('makes paragraphs of pasted plain text, escaping it', () => {
    expect(paragraphs('第一段\n第一段续\n\n第二段 <b>\n')).toBe('<p>第一段<br>第一段续</p>\n<p>第二段 &lt;b&gt;</p>');
    expect(paragraphs('一行\n二行')).toBe('<p>一行</p>\n<p>二行</p>');
    expect(paragraphs('<h2>标题</h2>\n\n正文')).toBe('<h2>标题</h2>\n<p>正文</p>');
    expect(paragraphs('  ')).toBe('');
  });
});
