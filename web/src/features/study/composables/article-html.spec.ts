import { describe, expect, it } from 'vitest';
import { isSafeUrl, readingMinutes, safeArticleHtml } from './article-html';

describe('article HTML before v-html', () => {
  it('keeps the structure an article needs', () => {
    const html = '<h2>一、学习党章</h2><p>党章是<strong>根本大法</strong>，<em>必须</em>遵守。</p><ul><li>第一条</li></ul><blockquote>引文</blockquote>';
    expect(safeArticleHtml(html)).toBe(html);
  });

  it('drops scripts, event handlers, styles and frames', () => {
    const out = safeArticleHtml(
      '<p onclick="steal()" style="color:red">正文<script>alert(1)</script></p><img src="x" onerror="alert(1)"><object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y.swf"><style>p{}</style>',
    );
    expect(out).not.toMatch(/script|onclick|onerror|style|object|embed|evil|alert/i);
    expect(out).toContain('<p>正文</p>');
  });

  it('allows only http(s) and same-site links and images, opened safely', () => {
    const out = safeArticleHtml('<a href="javascript:alert(1)">甲</a><a href="https://www.12371.cn/">乙</a><img src="data:image/png;base64,AAAA" alt="图"><a href="//evil.example">丙</a>');
    expect(out).toContain('<a target="_blank" rel="noopener noreferrer">甲</a>');
    expect(out).toContain('<a href="https://www.12371.cn/" target="_blank" rel="noopener noreferrer">乙</a>');
    expect(out).toContain('<img alt="图" loading="lazy">');
    expect(out).not.toContain('//evil.example');
    expect([isSafeUrl('/media/a.png'), isSafeUrl('//evil'), isSafeUrl('/\\evil'), isSafeUrl('HTTPS://x.cn')]).toEqual([true, false, false, true]);
  });

  it('unwraps unknown wrappers but keeps their text', () => {
    expect(safeArticleHtml('<div><span>为民</span><font color="red">服务</font></div>')).toBe('为民服务');
  });

  it('estimates reading time from the text', () => {
    expect(readingMinutes('<p>短文</p>')).toBe(1);
    expect(readingMinutes(`<p>${'字'.repeat(1500)}</p>`)).toBe(5);
  });
});
