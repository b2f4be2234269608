package extract

import (
	"strings"
	"sync"
)

// firstNames are common given names (French, English and other European
// ones), used where the context alone cannot tell a person from a title:
// "Les files de messages en PHP de Sébastien Noël" names a person, "Le
// portail de Galeries Lafayette" does not.
//
// Like every table of the rules, it is built on first use: commands that
// never extract must not pay for it at start-up.
var firstNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, n := range strings.Fields(`
		adam adele adrien agathe agnes aicha alain alban albert alexandre alexandra alexis alice aline alix amandine amelie
		amir anais andre andrea andy ange angela angelique anne annie anthony antoine antonin arnaud arthur aude audrey aurelie
		aurelien axel baptiste barbara basile bastien beatrice benjamin benoit bernard bertrand blandine bruno camille capucine
		carla carole caroline cecile celine charles charlotte chloe christian christine christophe claire clara clement clemence
		colin coline corentin coralie cyril cyrille damien daniel daniele david delphine denis diane didier dimitri dominique
		dorian eddy edouard elise elodie eloise emile emilie emma emmanuel emmanuelle enzo eric erwan estelle etienne eugenie
		eva eve fabien fabienne fabrice fanny felix fernand flora florence florent florian franck francois francoise frederic
		gabriel gabrielle gaelle gaetan gaspard geoffrey georges gerard gilles gilbert gregoire gregory guillaume gustave
		helene henri herve hugo ines irene isabelle jacques jade jean jeanne jeremie jeremy jerome joel johan jonathan jordan
		joseph josephine judith jules julia julie julien juliette justine karim karine kevin laetitia laura laure laurence
		laurent lea lea leo leon leonard lina lionel lisa loic louis louise luc luca lucas lucie lucile ludovic lydie madeleine
		maelle manon marc marcel margaux margot marie marine marion marius martin martine mathias mathieu mathilde matthieu
		maxime melanie mickael michel michele mireille morgan nadia nathalie nathan nicolas noemie noel norbert oceane olivia
		olivier oscar pascal pascale patrice patrick paul pauline perrine philippe pierre quentin rachel raphael raphaelle
		regis remi renaud rene richard robert robin romain romane rose sacha samuel sandra sandrine sarah sebastien serge
		simon simone solene sophie stephane stephanie sylvain sylvie tanguy theo thibault thibaut thierry thomas timothee
		tristan valentin valerie vanessa victor victoire vincent virginie xavier yann yannick yoann yves zoe
		aaron abigail alan albert alex alexander alice alison amanda amy andrew angela anna anthony ashley barbara ben benjamin
		beth betty bill bob brandon brian bruce carl carol catherine charlie chris christina christopher cindy claire craig
		dan dana daniel dave david deborah dennis diana donald donna dorothy doug douglas dylan ed edward elizabeth ellen emily
		eric ethan frank gary george grace greg hannah harry heather helen henry ian jack jacob james jamie jane janet jason
		jeff jeffrey jennifer jenny jeremy jessica jill jim joe john jonathan josh joshua joyce julia justin karen kate
		katherine kathy keith kelly ken kenneth kevin kim kyle larry laura lauren linda lisa liz lucy luke margaret maria mark
		mary matt matthew megan melissa michael michelle mike nancy natalie nick nicole olivia pamela patricia paul peter
		rachel randall randy rebecca richard rick rob robert roger ron ronald rose ruth ryan sam samantha sandra sara scott
		sean sharon stephanie stephen steve steven susan tom tony tyler victoria walter werner william yan
		ahmed ali fatima mohamed mohammed youssef yasmine omar leila mehdi sofiane rachid samir nabil hamza karima
		giovanni giuseppe marco matteo lorenzo francesca chiara sofia carlos javier jose juan luis miguel pablo pedro sergio
		hans klaus jurgen stefan wolfgang andreas markus lars anders erik ingrid pieter jan joost dmytro ivan olga sergey
		priya ravi sunita anil raj wei li chen hiroshi yuki kenji
		agnieszka ana anja annika astrid birgit britta carmen claudia dagmar elena elif emil franziska frida gabriela
		hanna heike irina jana jasmine jelena johanna julian katarzyna katja kristina lena magdalena maggie maja marta
		milena monika nadine natalia nina paula petra sabine silke sonja svetlana tanja tereza ursula vera zachary zofia
		zahra aisha amina fatou mariam nour layla sana ayesha deepa kavya lakshmi meera neha pooja shreya anjali
		arjun rohan vikram rahul amit sanjay suresh vijay akira haruto sakura yuna jin min seo hyun tae
		abdel adnan adriana agustin aiden aleksandra aleksandr alessandro alessia alexandru alfonso alina alvaro amelia
		andreea andres angelo anton antonio arnaud artem arturo ashok aurora barbora bartosz beatriz bianca bjorn bogdan
		boris brigitte caio camila carsten catalina cedric celia chiara christoph cinzia clara claudio constantin cristina
		cristian damian dario darius davide denise diego dimitris domenico dominik dorota edith eduardo elias elisa elisabel
		ella emilio enrique esther eva fabio federico felipe fernando filip filipe florian francesco franz fredrik gabor
		georg gianluca gonzalo gosia gustavo hakan hanne hannes harald heinrich helga henrik hugo ignacio igor ilaria ilse
		irene isabel isabella ivana jakob jakub janina jaroslav javier jens joachim joao joaquin jonas jorge jorg jose
		joana josef kamil karin karl karolina kasper kerstin kjell krzysztof lara leonardo leonie liam lorena lotte luana
		lucia luigi lukas lukasz maciej malgorzata manuel manuela marcin marco marek margit mariana marina mario marius
		markus marlene martina massimo mateusz mathilda matias matthias mattia maurizio max maximilian mette michal
		michaela mihai mikkel milan mirko mohamed natasha nicola nicolai niels nikita nikola nikolai niklas nils noah
		nora norbert ola oleg olena oliver ondrej oskar pablo paolo pascal patricia pavel pawel pedro peter pia
		piotr rafael rafal raquel rebeca renata ricardo riccardo roberto rodrigo roman ruben rui sabrina salvatore
		sandro sanne sara sebastian sergei sergio silvia simona sofie soren stefania stefano sven szymon teresa thea
		thiago thijs thor tiago tim tobias tomas tomasz tommaso ulrich valentina valeria vasile veronica vicente viktor
		vincenzo vladimir wiebke wim wojciech yannis yolanda yvonne zoltan
		aditya akash akshay ananya anita arun ashwin chandra deepak dinesh ganesh gaurav harish karthik kiran krishna
		manish mohan naveen nikhil nitin pankaj pradeep prakash pranav prashant praveen rajesh rakesh ramesh sachin
		sandeep santosh shankar shiva shivani shruti siddharth srinivas sudha swati tarun varun vinay vishal vivek
		chang chun fang feng hao hong hui jian jie jing jun kai lei lin ling ming ning qiang rui shan sheng
		tao ting wen xiao xin yang ying yong yu yue yun zhen zhi
		ji hye jae jun kyung soo sung young
		aidan alana allison andy angie audrey austin bailey blake bradley brenda brett brooke bryan caleb
		cameron carlos carmen casey chad chelsea christian cody colin connor courtney crystal dale dalton derek
		derrick devin dominic dustin edgar eleanor elijah ella emma erica erik erin evan felicia gabriel gavin
		gina gordon hailey harvey hayden holly hunter isaac isabel jacqueline jake jared jasmine jay jenna jesse
		jill joan joanna jocelyn jodie jordan julian kaitlyn kara kayla kristen kurt kylie leah leslie logan
		lorraine luis lydia mackenzie madison marcus mason maya melanie mia miranda molly monica morgan naomi
		neil nolan norman owen paige parker patrick phillip preston quinn rebekah reid riley roberto rodney ross
		russell sabrina sally shane shannon shawn sheila sierra simon spencer stacy stuart sydney taylor teresa
		terry theresa travis trevor troy valerie vanessa vincent wade warren wayne wendy wesley zoe
	`) {
		names[fold(n)] = true
	}
	return names
})

// isFirstName reports whether w is a common given name.
func isFirstName(w string) bool {
	f := fold(w)
	names := firstNames()
	if names[f] {
		return true
	}
	// Compound given names: "Jean-Luc", "Marie-Claire".
	if i := strings.IndexByte(f, '-'); i > 0 {
		return names[f[:i]] && names[f[i+1:]]
	}
	return false
}
