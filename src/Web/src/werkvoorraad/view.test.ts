import { describe, expect, it } from 'vitest';
import { defaultView, filterQuery, isGemeenteTask, listQuery, parseView, toSearch, withFilter } from './view';

describe('the werkvoorraad view in the URL', () => {
  it('reads every part of a shared link and writes it back the same', () => {
    const url = 'tab=alle&gemeente=0632&taak=schakel3-brede-intake-en-pip%3AUser_Intake&termijn=te-laat&vrij=ja&sorteer=-vervaldatum&pagina=3';
    const view = parseView(new URLSearchParams(url));
    expect(view).toEqual({ tab: 'alle', gemeente: '0632', taak: 'schakel3-brede-intake-en-pip:User_Intake', termijn: 'te-laat', vrij: true, sorteer: '-vervaldatum', pagina: 3 });
    expect(toSearch(view).toString()).toBe(url);
  });

  it('the plain URL is the default view, and nonsense falls back to it', () => {
    expect(parseView(new URLSearchParams(''))).toEqual(defaultView);
    expect(toSearch(defaultView).toString()).toBe('');
    expect(parseView(new URLSearchParams('tab=x&gemeente=Woerden&termijn=gisteren&sorteer=naam&pagina=-2&taak=geen'))).toEqual(defaultView);
  });

  it('a new filter starts at page 1', () => {
    expect(withFilter({ ...defaultView, pagina: 4 }, { termijn: 'deze-week' })).toMatchObject({ termijn: 'deze-week', pagina: 1 });
  });

  it('becomes the API query of /tasks and /tasks/counts', () => {
    const view = parseView(new URLSearchParams('tab=mijn&taak=s3:User_Pip&termijn=deze-week&vrij=ja&pagina=2'));
    expect(filterQuery(view)).toEqual({ gemeente: null, definitionKey: 's3', elementId: 'User_Pip', due: 'this-week', unassigned: true });
    expect(listQuery(view)).toMatchObject({ view: 'mine', sort: 'due', page: 2, pageSize: 25 });
    expect(listQuery(defaultView)).toMatchObject({ view: 'groups', due: undefined, unassigned: undefined });
  });
});

describe('tasks of the gemeente itself', () => {
  it('are the casuïstiekoverleg agenda, not a step of one traject', () => {
    expect(isGemeenteTask({ definitionKey: 'casuistiekoverleg' })).toBe(true);
    expect(isGemeenteTask({ definitionKey: 'schakel3-brede-intake-en-pip' })).toBe(false);
  });
});
